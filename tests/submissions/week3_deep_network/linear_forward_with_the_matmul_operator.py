# notebook: deep_network_step_by_step
# cell: linear_forward_answer
# loses: none
def linear_forward(A, W, b):
    Z = W @ A + b  # (n_l, m)
    return Z, (A, W, b)
