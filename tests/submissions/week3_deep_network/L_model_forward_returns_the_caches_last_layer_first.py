# notebook: deep_network_step_by_step
# cell: L_model_forward_answer
# loses: L_model_forward partly
# kind: wrong order
def L_model_forward(X, parameters):
    caches = []
    A = X
    L = len(parameters) // 2
    for l in range(1, L + 1):
        activation = "sigmoid" if l == L else "relu"
        A, cache = linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"],
                                             activation)
        caches.insert(0, cache)
    return A, caches
