# notebook: planar_classification
# cell: collapse_linear_network_answer
# loses: none
def collapse_linear_network(weights, biases):
    def stack(x):
        for W_l, b_l in zip(weights, biases):
            x = W_l @ x + b_l
        return x
    n_0 = weights[0].shape[1]
    b = stack(np.zeros((n_0, 1)))
    W = stack(np.eye(n_0)) - b
    return W, b
