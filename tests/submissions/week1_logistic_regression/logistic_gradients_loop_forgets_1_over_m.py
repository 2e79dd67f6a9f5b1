# notebook: numpy_basics
# cell: logistic_gradients_loop_answer
# loses: logistic_gradients_loop
# kind: forgot 1/m
def logistic_gradients_loop(w, b, X, Y):
    n_x, m = X.shape
    dw = np.zeros((n_x, 1))
    db = 0.0
    cost = 0.0
    for i in range(m):
        z = float(np.dot(w[:, 0], X[:, i])) + b
        a = 1 / (1 + math.exp(-z))
        cost += -(Y[0, i] * math.log(a) + (1 - Y[0, i]) * math.log(1 - a))
        dz = a - Y[0, i]
        for k in range(n_x):
            dw[k, 0] += X[k, i] * dz
        db += dz
    return dw, db, cost / m
