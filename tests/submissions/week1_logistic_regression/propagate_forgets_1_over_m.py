# notebook: logistic_regression
# cell: propagate_answer
# loses: propagate
# kind: forgot 1/m
def propagate(w, b, X, Y):
    A = sigmoid(np.dot(w.T, X) + b)
    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A))
    dZ = A - Y
    return {"dw": np.dot(X, dZ.T), "db": float(np.sum(dZ))}, float(cost)
