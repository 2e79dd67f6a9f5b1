# notebook: deep_network_step_by_step
# cell: linear_activation_backward_answer
# loses: linear_activation_backward partly
# kind: changed an input in place
def linear_activation_backward(dA, cache, activation):
    linear_cache, Z = cache
    if activation == "relu":
        dZ = dA  # not a copy: the next line changes the caller's dA too
        dZ[Z <= 0] = 0
    else:
        dZ = sigmoid_backward(dA, Z)
    return linear_backward(dZ, linear_cache)
