# notebook: deep_network_step_by_step
# cell: linear_forward_answer
# loses: linear_forward
# kind: wrong order
def linear_forward(A, W, b):
    Z = np.dot(W, A) + b
    cache = (W, A, b)
    return Z, cache
