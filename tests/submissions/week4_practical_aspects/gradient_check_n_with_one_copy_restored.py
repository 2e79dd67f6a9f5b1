# notebook: gradient_checking
# cell: gradient_check_n_answer
# loses: none
def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    parameters_values, shapes = dictionary_to_vector(parameters, PARAMETER_KEYS)
    grad = gradients_to_vector(gradients, PARAMETER_KEYS)
    num_parameters = parameters_values.shape[0]
    gradapprox = np.zeros((num_parameters, 1))
    for i in range(num_parameters):
        theta = parameters_values.copy()
        theta[i, 0] += epsilon
        J_plus = forward_propagation_n(X, Y, vector_to_dictionary(theta, shapes))[0]
        theta[i, 0] -= 2 * epsilon
        J_minus = forward_propagation_n(X, Y, vector_to_dictionary(theta, shapes))[0]
        gradapprox[i, 0] = (J_plus - J_minus) / (2 * epsilon)
    difference = np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad)
                                                      + np.linalg.norm(gradapprox))
    if print_msg:
        print(f"difference = {difference}")
    return difference
