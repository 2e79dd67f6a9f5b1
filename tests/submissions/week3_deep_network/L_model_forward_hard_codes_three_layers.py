# notebook: deep_network_step_by_step
# cell: L_model_forward_answer
# loses: L_model_forward partly
# kind: raised an error
def L_model_forward(X, parameters):
    A1, cache1 = linear_activation_forward(X, parameters["W1"], parameters["b1"], "relu")
    A2, cache2 = linear_activation_forward(A1, parameters["W2"], parameters["b2"], "relu")
    A3, cache3 = linear_activation_forward(A2, parameters["W3"], parameters["b3"], "sigmoid")
    return A3, [cache1, cache2, cache3]
