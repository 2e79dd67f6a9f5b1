# notebook: deep_network_step_by_step
# cell: L_model_backward_answer
# loses: none
def L_model_backward(AL, Y, caches):
    L = len(caches)
    linear_cache, _ = caches[L - 1]
    dA_prev, dW, db = linear_backward(AL - Y, linear_cache)  # through the sigmoid, dZ = AL - Y
    grads = {f"dA{L - 1}": dA_prev, f"dW{L}": dW, f"db{L}": db}
    for l in range(L - 1, 0, -1):
        dA_prev, dW, db = linear_activation_backward(dA_prev, caches[l - 1], "relu")
        grads.update({f"dA{l - 1}": dA_prev, f"dW{l}": dW, f"db{l}": db})
    return grads
