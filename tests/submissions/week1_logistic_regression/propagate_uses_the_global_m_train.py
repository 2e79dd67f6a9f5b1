# notebook: logistic_regression
# cell: propagate_answer
# loses: propagate
# kind: read notebook variables
def propagate(w, b, X, Y):
    A = sigmoid(np.dot(w.T, X) + b)
    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m_train
    dZ = A - Y
    return {"dw": np.dot(X, dZ.T) / m_train, "db": float(np.sum(dZ) / m_train)}, float(cost)
