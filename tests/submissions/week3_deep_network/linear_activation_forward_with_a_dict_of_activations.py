# notebook: deep_network_step_by_step
# cell: linear_activation_forward_answer
# loses: none
def linear_activation_forward(A_prev, W, b, activation):
    g = {"relu": relu, "sigmoid": sigmoid}[activation]
    Z, linear_cache = linear_forward(A_prev, W, b)
    return g(Z), (linear_cache, Z)
