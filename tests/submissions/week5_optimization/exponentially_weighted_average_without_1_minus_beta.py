# notebook: optimization_methods
# cell: exponentially_weighted_average_answer
# loses: exponentially_weighted_average
# kind: left out (1 - beta)
def exponentially_weighted_average(theta, beta, bias_correction=False):
    v = np.zeros(theta.shape)
    v_t = 0.0
    for t in range(1, len(theta) + 1):
        v_t = beta * v_t + theta[t - 1]
        v[t - 1] = v_t / (1 - beta ** t) if bias_correction else v_t
    return v
