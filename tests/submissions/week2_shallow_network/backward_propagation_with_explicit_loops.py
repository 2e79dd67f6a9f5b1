# notebook: planar_classification
# cell: backward_propagation_answer
# loses: none
def backward_propagation(parameters, cache, X, Y):
    n_x, m = X.shape
    W2 = parameters["W2"]
    A1, A2 = cache["A1"], cache["A2"]
    dW1, db1 = np.zeros((A1.shape[0], n_x)), np.zeros((A1.shape[0], 1))
    dW2, db2 = np.zeros(W2.shape), np.zeros((W2.shape[0], 1))
    for i in range(m):
        dz2 = A2[:, i:i + 1] - Y[:, i:i + 1]  # (n_y, 1)
        dW2 += dz2 * A1[:, i:i + 1].T
        db2 += dz2
        dz1 = W2.T.dot(dz2) * (1 - A1[:, i:i + 1] ** 2)  # (n_h, 1)
        dW1 += dz1 * X[:, i:i + 1].T
        db1 += dz1
    return {"dW1": dW1 / m, "db1": db1 / m, "dW2": dW2 / m, "db2": db2 / m}
