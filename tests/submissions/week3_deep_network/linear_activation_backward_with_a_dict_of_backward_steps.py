# notebook: deep_network_step_by_step
# cell: linear_activation_backward_answer
# loses: none
def linear_activation_backward(dA, cache, activation):
    backward = {"relu": relu_backward, "sigmoid": sigmoid_backward}
    linear_cache, Z = cache
    dA_prev, dW, db = linear_backward(backward[activation](dA, Z), linear_cache)
    return dA_prev, dW, db
