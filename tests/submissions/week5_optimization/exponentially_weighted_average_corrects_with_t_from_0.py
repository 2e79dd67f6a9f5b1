# notebook: optimization_methods
# cell: exponentially_weighted_average_answer
# loses: exponentially_weighted_average partly
# kind: bias correction with t from 0
def exponentially_weighted_average(theta, beta, bias_correction=False):
    v = np.zeros(theta.shape)
    v_t = 0.0
    for t in range(len(theta)):
        v_t = beta * v_t + (1 - beta) * theta[t]
        v[t] = v_t / (1 - beta ** t) if bias_correction else v_t
    return v
