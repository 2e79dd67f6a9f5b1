# notebook: deep_network_step_by_step
# cell: linear_forward_answer
# loses: linear_forward
# kind: left out the bias
def linear_forward(A, W, b):
    Z = np.dot(W, A)
    return Z, (A, W, b)
