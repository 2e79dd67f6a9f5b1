# notebook: planar_classification
# cell: forward_propagation_answer
# loses: none
def forward_propagation(X, parameters):
    W1, b1, W2, b2 = parameters["W1"], parameters["b1"], parameters["W2"], parameters["b2"]
    m = X.shape[1]
    Z1 = np.zeros((W1.shape[0], m))
    Z2 = np.zeros((W2.shape[0], m))
    for i in range(m):
        Z1[:, i] = W1.dot(X[:, i]) + b1[:, 0]
        Z2[:, i] = W2.dot(np.tanh(Z1[:, i])) + b2[:, 0]
    A1 = np.tanh(Z1)
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
