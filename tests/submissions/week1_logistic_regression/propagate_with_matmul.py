# notebook: logistic_regression
# cell: propagate_answer
# loses: none
def propagate(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(w.T @ X + b)
    cost = -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))
    dZ = A - Y
    return {"dw": X @ dZ.T / m, "db": np.mean(dZ)}, cost
