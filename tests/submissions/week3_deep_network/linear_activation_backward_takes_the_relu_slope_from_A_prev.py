# notebook: deep_network_step_by_step
# cell: linear_activation_backward_answer
# loses: linear_activation_backward partly
# kind: slope taken at A_prev, not Z
def linear_activation_backward(dA, cache, activation):
    linear_cache, activation_cache = cache
    A, W, b = linear_cache
    if activation == "relu":
        dZ = relu_backward(dA, A)  # the slope taken at the layer's input A, not at its Z
    else:
        dZ = sigmoid_backward(dA, activation_cache)
    return linear_backward(dZ, linear_cache)
