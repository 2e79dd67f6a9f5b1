# notebook: deep_network_step_by_step
# cell: L_model_backward_answer
# loses: none
def L_model_backward(AL, Y, caches):
    grads = {}
    L = len(caches)
    dA = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    for l, ((A_prev, W, b), Z) in reversed(list(enumerate(caches, start=1))):
        dZ = sigmoid_backward(dA, Z) if l == L else relu_backward(dA, Z)
        dA, grads[f"dW{l}"], grads[f"db{l}"] = linear_backward(dZ, (A_prev, W, b))
        grads[f"dA{l - 1}"] = dA
    return grads
