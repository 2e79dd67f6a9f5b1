# notebook: gradient_checking
# (with the default epsilon = 1e-7 the result is the right one to rounding: that case keeps
# its points, the cases with a larger epsilon lose theirs)
# cell: gradient_check_n_answer
# loses: gradient_check_n partly
# kind: ignored epsilon
def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    parameters_values, shapes = dictionary_to_vector(parameters, PARAMETER_KEYS)
    grad = gradients_to_vector(gradients, PARAMETER_KEYS)
    num_parameters = parameters_values.shape[0]
    gradapprox = np.zeros((num_parameters, 1))
    for i in range(num_parameters):
        step = 1e-7
        theta_plus = np.copy(parameters_values)
        theta_plus[i] = theta_plus[i] + step
        J_plus, _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_plus, shapes))
        theta_minus = np.copy(parameters_values)
        theta_minus[i] = theta_minus[i] - step
        J_minus, _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_minus, shapes))
        gradapprox[i] = (J_plus - J_minus) / (2 * step)
    numerator = np.linalg.norm(grad - gradapprox)
    return numerator / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))
