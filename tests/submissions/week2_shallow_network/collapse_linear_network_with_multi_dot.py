# notebook: planar_classification
# cell: collapse_linear_network_answer
# loses: none
def collapse_linear_network(weights, biases):
    W = np.linalg.multi_dot(weights[::-1]) if len(weights) > 1 else weights[0]
    b = biases[0]
    for W_next, b_next in zip(weights[1:], biases[1:]):
        b = W_next @ b + b_next
    return W, b
