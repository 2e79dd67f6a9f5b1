# notebook: planar_classification
# cell: collapse_linear_network_answer
# loses: collapse_linear_network
# kind: shapes not aligned
def collapse_linear_network(weights, biases):
    W, b = weights[0], biases[0]
    for W_next, b_next in zip(weights[1:], biases[1:]):
        W = np.dot(W, W_next)
        b = np.dot(W_next, b) + b_next
    return W, b
