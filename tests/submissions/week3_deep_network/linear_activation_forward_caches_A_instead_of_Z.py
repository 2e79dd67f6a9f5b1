# notebook: deep_network_step_by_step
# cell: linear_activation_forward_answer
# loses: linear_activation_forward
# kind: A cached instead of Z
def linear_activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    A = sigmoid(Z) if activation == "sigmoid" else relu(Z)
    return A, (linear_cache, A)
