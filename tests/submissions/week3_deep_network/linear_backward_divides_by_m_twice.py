# notebook: deep_network_step_by_step
# cell: linear_backward_answer
# loses: linear_backward
# kind: divided by m twice
def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = np.dot(dZ, A_prev.T) / m / m
    db = np.sum(dZ, axis=1, keepdims=True) / m / m
    return np.dot(W.T, dZ), dW, db
