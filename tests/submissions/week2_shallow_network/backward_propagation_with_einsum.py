# notebook: planar_classification
# cell: backward_propagation_answer
# loses: none
def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    W2 = parameters["W2"]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = A2 - Y
    dW2 = np.einsum("ym,hm->yh", dZ2, A1) / m
    db2 = np.einsum("ym->y", dZ2)[:, None] / m
    dZ1 = np.einsum("yh,ym->hm", W2, dZ2) * (1 - A1 * A1)
    dW1 = np.einsum("hm,xm->hx", dZ1, X) / m
    db1 = np.einsum("hm->h", dZ1)[:, None] / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
