# notebook: setup_and_normalization
# cell: apply_normalization_answer
# loses: apply_normalization
# kind: used the set's own statistics
def apply_normalization(X, mu, sigma2):
    mu = np.mean(X, axis=1, keepdims=True)
    sigma2 = np.var(X, axis=1, keepdims=True)
    return (X - mu) / np.sqrt(sigma2)
