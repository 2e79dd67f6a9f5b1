# notebook: deep_network_step_by_step
# cell: L_model_forward_answer
# loses: L_model_forward partly
# kind: sigmoid in a hidden layer
def L_model_forward(X, parameters):
    caches = []
    A = X
    L = len(parameters) // 2
    for l in range(1, L + 1):
        A, cache = linear_activation_forward(A, parameters["W" + str(l)],
                                             parameters["b" + str(l)], "sigmoid")
        caches.append(cache)
    return A, caches
