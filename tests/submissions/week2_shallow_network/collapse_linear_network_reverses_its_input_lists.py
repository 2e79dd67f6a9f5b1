# notebook: planar_classification
# cell: collapse_linear_network_answer
# loses: collapse_linear_network
# kind: changed an input in place
def collapse_linear_network(weights, biases):
    weights.reverse()  # last layer first, to multiply from the left
    W = weights[0]
    for W_l in weights[1:]:
        W = W @ W_l
    b = biases[0]
    for W_l, b_l in zip(weights[-2::-1], biases[1:]):
        b = W_l @ b + b_l
    return W, b
