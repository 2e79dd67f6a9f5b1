# notebook: logistic_regression
# cell: propagate_answer
# loses: none
def propagate(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(np.einsum("i,im->m", w[:, 0], X)[None, :] + b)
    cost = -np.einsum("m,m->", Y[0], np.log(A[0])) - np.einsum("m,m->", 1 - Y[0], np.log(1 - A[0]))
    dZ = A - Y
    return {"dw": np.einsum("im,m->i", X, dZ[0])[:, None] / m, "db": dZ.sum() / m}, cost / m
