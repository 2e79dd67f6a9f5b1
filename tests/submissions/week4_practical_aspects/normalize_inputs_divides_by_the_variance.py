# notebook: setup_and_normalization
# cell: normalize_inputs_answer
# loses: normalize_inputs
# kind: divided by the variance
def normalize_inputs(X_train):
    mu = np.mean(X_train, axis=1, keepdims=True)
    sigma2 = np.mean((X_train - mu) ** 2, axis=1, keepdims=True)
    X_norm = (X_train - mu) / sigma2
    return X_norm, mu, sigma2
