# notebook: numpy_basics
# cell: logistic_gradients_loop_answer
# loses: none
def logistic_gradients_loop(w, b, X, Y):
    m = X.shape[1]
    A = 1 / (1 + np.exp(-(np.matmul(w.T, X) + b)))
    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
    return np.matmul(X, (A - Y).T) / m, float(np.sum(A - Y) / m), float(cost)
