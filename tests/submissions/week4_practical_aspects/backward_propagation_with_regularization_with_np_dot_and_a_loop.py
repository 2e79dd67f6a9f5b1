# notebook: regularization
# cell: backward_propagation_with_regularization_answer
# loses: none
def backward_propagation_with_regularization(X, Y, cache, lambd):
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    inputs = {1: X, 2: A1, 3: A2}
    weights = {1: W1, 2: W2, 3: W3}
    outputs = {1: A1, 2: A2}
    gradients = {"dZ3": A3 - Y}
    for l in (3, 2, 1):
        dZ = gradients["dZ" + str(l)]
        gradients["dW" + str(l)] = np.dot(dZ, inputs[l].T) / m + (lambd / m) * weights[l]
        gradients["db" + str(l)] = np.sum(dZ, axis=1, keepdims=True) / m
        if l > 1:
            dA = np.dot(weights[l].T, dZ)
            gradients["dA" + str(l - 1)] = dA
            gradients["dZ" + str(l - 1)] = np.multiply(dA, np.int64(outputs[l - 1] > 0))
    return gradients
