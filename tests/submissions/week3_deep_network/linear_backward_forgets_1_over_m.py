# notebook: deep_network_step_by_step
# cell: linear_backward_answer
# loses: linear_backward
# kind: forgot 1/m
def linear_backward(dZ, cache):
    A_prev, W, b = cache
    dW = np.dot(dZ, A_prev.T)
    db = np.sum(dZ, axis=1, keepdims=True)
    return np.dot(W.T, dZ), dW, db
