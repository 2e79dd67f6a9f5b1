# notebook: regularization
# cell: backward_propagation_with_regularization_answer
# loses: backward_propagation_with_regularization
# kind: regularised the biases
def backward_propagation_with_regularization(X, Y, cache, lambd):
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3 = 1 / m * dZ3 @ A2.T + lambd / m * W3
    db3 = 1 / m * np.sum(dZ3, axis=1, keepdims=True) + lambd / m * b3
    dA2 = W3.T @ dZ3
    dZ2 = dA2 * (A2 > 0)
    dW2 = 1 / m * dZ2 @ A1.T + lambd / m * W2
    db2 = 1 / m * np.sum(dZ2, axis=1, keepdims=True) + lambd / m * b2
    dA1 = W2.T @ dZ2
    dZ1 = dA1 * (A1 > 0)
    dW1 = 1 / m * dZ1 @ X.T + lambd / m * W1
    db1 = 1 / m * np.sum(dZ1, axis=1, keepdims=True) + lambd / m * b1
    return {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2,
            "db2": db2, "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}
