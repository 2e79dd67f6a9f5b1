# notebook: setup_and_normalization
# cell: apply_normalization_answer
# loses: apply_normalization
# kind: divided by the variance
def apply_normalization(X, mu, sigma2):
    return (X - mu) / sigma2
