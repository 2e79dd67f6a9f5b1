# notebook: deep_network_application
# cell: two_layer_model_answer
# loses: none
def two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000,
                    print_cost=False):
    costs = []
    parameters = initialize_parameters_deep_scaled(layers_dims)
    m = X.shape[1]
    for i in range(num_iterations):
        W1, b1, W2, b2 = (parameters[k] for k in ("W1", "b1", "W2", "b2"))
        A1, cache1 = linear_activation_forward(X, W1, b1, "relu")
        A2, _ = linear_activation_forward(A1, W2, b2, "sigmoid")
        dZ2 = A2 - Y  # the sigmoid's slope and dA2 together
        dW2, db2 = dZ2 @ A1.T / m, np.sum(dZ2, axis=1, keepdims=True) / m
        _, dW1, db1 = linear_activation_backward(W2.T @ dZ2, cache1, "relu")
        if i % 100 == 0:
            costs.append(compute_cost(A2, Y))
            if print_cost:
                print(f"Cost after iteration {i}: {costs[-1]:.6f}")
        parameters = update_parameters(parameters, {"dW1": dW1, "db1": db1, "dW2": dW2,
                                                    "db2": db2}, learning_rate)
    return parameters, costs
