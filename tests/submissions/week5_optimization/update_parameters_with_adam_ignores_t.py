# notebook: optimization_methods
# cell: update_parameters_with_adam_answer
# loses: update_parameters_with_adam
# kind: ignored t
def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9,
                                beta2=0.999, epsilon=1e-8):
    parameters, v, s = dict(parameters), dict(v), dict(s)
    v_corrected, s_corrected = {}, {}
    for key in list(parameters):
        d = "d" + key
        v[d] = beta1 * v[d] + (1 - beta1) * grads[d]
        s[d] = beta2 * s[d] + (1 - beta2) * grads[d] ** 2
        v_corrected[d] = v[d] / (1 - beta1)
        s_corrected[d] = s[d] / (1 - beta2)
        parameters[key] = parameters[key] - learning_rate * v_corrected[d] / (
            np.sqrt(s_corrected[d]) + epsilon)
    return parameters, v, s, v_corrected, s_corrected
