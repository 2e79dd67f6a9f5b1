# notebook: deep_network_step_by_step
# cell: L_model_forward_answer
# loses: none
def L_model_forward(X, parameters):
    A, caches, l = X, [], 1
    while f"W{l + 1}" in parameters:  # every layer but the last
        A, cache = linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], "relu")
        caches.append(cache)
        l += 1
    AL, cache = linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], "sigmoid")
    return AL, caches + [cache]
