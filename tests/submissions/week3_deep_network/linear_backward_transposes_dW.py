# notebook: deep_network_step_by_step
# cell: linear_backward_answer
# loses: linear_backward
# kind: transposed
def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = np.dot(A_prev, dZ.T) / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    return np.dot(W.T, dZ), dW, db
