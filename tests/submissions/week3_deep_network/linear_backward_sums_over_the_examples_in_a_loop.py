# notebook: deep_network_step_by_step
# cell: linear_backward_answer
# loses: none
def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = np.zeros(W.shape)
    db = np.zeros(b.shape)
    for i in range(m):  # one example at a time, as the lectures' loop did
        dW += np.outer(dZ[:, i], A_prev[:, i])
        db += dZ[:, i:i + 1]
    return np.dot(W.T, dZ), dW / m, db / m
