# notebook: deep_network_step_by_step
# cell: L_model_backward_answer
# loses: none
def L_model_backward(AL, Y, caches):
    grads = {}
    l = len(caches)
    dA = -(Y / AL - (1 - Y) / (1 - AL))
    while l >= 1:
        activation = "sigmoid" if l == len(caches) else "relu"
        dA, grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(
            dA, caches[l - 1], activation)
        grads[f"dA{l - 1}"] = dA
        l -= 1
    return grads
