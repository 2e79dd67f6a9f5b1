# notebook: deep_network_step_by_step
# cell: linear_backward_answer
# loses: none
def linear_backward(dZ, cache):
    A_prev, W, _ = cache
    m = A_prev.shape[1]
    dW = np.einsum("im,jm->ij", dZ, A_prev) / m
    db = np.einsum("im->i", dZ).reshape(-1, 1) / m
    dA_prev = np.einsum("ji,jm->im", W, dZ)
    return dA_prev, dW, db
