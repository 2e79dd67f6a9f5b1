# notebook: optimization_methods
# cell: model_answer
# loses: model partly
# kind: ignored optimizer
def model(X, Y, layers_dims, optimizer, learning_rate=0.0007, mini_batch_size=64, beta=0.9,
          beta1=0.9, beta2=0.999, epsilon=1e-8, num_epochs=5000, print_cost=True, decay=None,
          decay_rate=1):
    np.random.seed(3)
    parameters = initialize_parameters_he(layers_dims)
    m = X.shape[1]
    learning_rate0 = learning_rate
    t = 0
    v, s = initialize_adam(parameters)
    for i in range(num_epochs):
        cost_total = 0.0
        for mini_batch_X, mini_batch_Y in random_mini_batches(X, Y, mini_batch_size, 10 + i):
            AL, caches = L_model_forward(mini_batch_X, parameters)
            cost_total += compute_cost(AL, mini_batch_Y) * mini_batch_X.shape[1]
            grads = L_model_backward(AL, mini_batch_Y, caches)
            if "adam" == "gd":
                parameters = update_parameters(parameters, grads, learning_rate)
            elif "adam" == "momentum":
                parameters, v = update_parameters_with_momentum(parameters, grads, v, beta,
                                                                learning_rate)
            elif "adam" == "rmsprop":
                parameters, s = update_parameters_with_rmsprop(parameters, grads, s, beta2,
                                                               learning_rate, epsilon)
            else:
                t += 1
                parameters, v, s, _, _ = update_parameters_with_adam(
                    parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon)
        if print_cost and i % 100 == 0:
            print(f"Cost after epoch {i}: {cost_total / m:.6f}")
        if decay is not None:
            learning_rate = decay(learning_rate0, i, decay_rate)
    return parameters
