# notebook: logistic_regression
# cell: propagate_answer
# loses: propagate
# kind: opposite sign
def propagate(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(np.dot(w.T, X) + b)
    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
    dZ = Y - A
    return {"dw": np.dot(X, dZ.T) / m, "db": float(np.sum(dZ) / m)}, float(cost)
