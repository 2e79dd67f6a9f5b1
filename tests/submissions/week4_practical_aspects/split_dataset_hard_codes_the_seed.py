# notebook: setup_and_normalization
# cell: split_dataset_answer
# loses: split_dataset
# kind: ignored the seed
def split_dataset(X, Y, fractions=(0.6, 0.2, 0.2), seed=0):
    m = X.shape[1]
    order = np.random.RandomState(42).permutation(m)
    X_shuffled, Y_shuffled = X[:, order], Y[:, order]
    m_train, m_dev = int(fractions[0] * m), int(fractions[1] * m)
    return (X_shuffled[:, :m_train], Y_shuffled[:, :m_train],
            X_shuffled[:, m_train:m_train + m_dev], Y_shuffled[:, m_train:m_train + m_dev],
            X_shuffled[:, m_train + m_dev:], Y_shuffled[:, m_train + m_dev:])
