# notebook: setup_and_normalization
# cell: normalize_inputs_answer
# loses: normalize_inputs
# kind: forgot the mean
def normalize_inputs(X_train):
    mu = np.mean(X_train, axis=1, keepdims=True)
    sigma2 = np.var(X_train, axis=1, keepdims=True)
    X_norm = X_train / np.sqrt(sigma2)
    return X_norm, mu, sigma2
