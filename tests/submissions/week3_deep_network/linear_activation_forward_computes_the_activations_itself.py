# notebook: deep_network_step_by_step
# cell: linear_activation_forward_answer
# loses: none
def linear_activation_forward(A_prev, W, b, activation):
    Z = W @ A_prev + b
    if activation == "relu":
        A = np.maximum(Z, 0)
    else:
        A = 1 / (1 + np.exp(-Z))
    return A, ((A_prev, W, b), Z)
