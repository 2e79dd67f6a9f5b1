# notebook: logistic_regression
# cell: propagate_answer
# loses: propagate
# kind: array, not a number
def propagate(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(np.dot(w.T, X) + b)
    cost = -(np.dot(Y, np.log(A).T) + np.dot(1 - Y, np.log(1 - A).T)) / m
    dZ = A - Y
    return {"dw": np.dot(X, dZ.T) / m, "db": float(np.sum(dZ) / m)}, cost
