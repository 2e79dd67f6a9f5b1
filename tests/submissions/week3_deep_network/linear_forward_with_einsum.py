# notebook: deep_network_step_by_step
# cell: linear_forward_answer
# loses: none
def linear_forward(A, W, b):
    Z = np.einsum("ij,jm->im", W, A) + b
    cache = (A, W, b)
    return Z, cache
