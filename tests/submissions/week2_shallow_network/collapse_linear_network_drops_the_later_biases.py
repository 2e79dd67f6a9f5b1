# notebook: planar_classification
# cell: collapse_linear_network_answer
# loses: collapse_linear_network
# kind: left out the later biases
def collapse_linear_network(weights, biases):
    W, b = weights[0], biases[0]
    for W_next in weights[1:]:
        W = np.dot(W_next, W)
        b = np.dot(W_next, b)
    return W, b
