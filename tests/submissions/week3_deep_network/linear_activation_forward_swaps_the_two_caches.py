# notebook: deep_network_step_by_step
# cell: linear_activation_forward_answer
# loses: linear_activation_forward
# kind: wrong order
def linear_activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    if activation == "sigmoid":
        A = sigmoid(Z)
    else:
        A = relu(Z)
    return A, (Z, linear_cache)
