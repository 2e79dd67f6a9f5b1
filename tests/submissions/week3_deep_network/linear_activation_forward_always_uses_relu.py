# notebook: deep_network_step_by_step
# cell: linear_activation_forward_answer
# loses: linear_activation_forward partly
# kind: the other activation
def linear_activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    A = relu(Z)
    return A, (linear_cache, Z)
