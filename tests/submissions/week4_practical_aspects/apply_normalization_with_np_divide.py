# notebook: setup_and_normalization
# cell: apply_normalization_answer
# loses: none
def apply_normalization(X, mu, sigma2):
    return np.divide(np.subtract(X, mu), np.sqrt(sigma2))
