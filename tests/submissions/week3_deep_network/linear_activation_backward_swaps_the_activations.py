# notebook: deep_network_step_by_step
# cell: linear_activation_backward_answer
# loses: linear_activation_backward
# kind: the other activation
def linear_activation_backward(dA, cache, activation):
    linear_cache, activation_cache = cache
    if activation == "relu":
        dZ = sigmoid_backward(dA, activation_cache)
    else:
        dZ = relu_backward(dA, activation_cache)
    return linear_backward(dZ, linear_cache)
