# notebook: optimization_methods
# cell: exponentially_weighted_average_answer
# loses: none
def exponentially_weighted_average(theta, beta, bias_correction=False):
    T = theta.shape[0]
    t = np.arange(1, T + 1)
    # v_t = (1 - beta) * sum over k <= t of beta ** (t - k) * theta_k
    weights = (1 - beta) * beta ** (t[:, None] - t[None, :]) * (t[:, None] >= t[None, :])
    v = weights @ theta
    return v / (1 - beta ** t) if bias_correction else v
