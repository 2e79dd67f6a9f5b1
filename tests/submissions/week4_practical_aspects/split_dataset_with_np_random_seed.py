# notebook: setup_and_normalization
# cell: split_dataset_answer
# loses: none
def split_dataset(X, Y, fractions=(0.6, 0.2, 0.2), seed=0):
    m = X.shape[1]
    np.random.seed(seed)
    order = np.random.permutation(m)
    m_train, m_dev = int(fractions[0] * m), int(fractions[1] * m)
    train, dev, test = np.split(order, [m_train, m_train + m_dev])
    return X[:, train], Y[:, train], X[:, dev], Y[:, dev], X[:, test], Y[:, test]
