# notebook: optimization_methods
# cell: random_mini_batches_answer
# loses: none
def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    m = X.shape[1]
    order = np.random.RandomState(seed).permutation(m)
    cuts = np.arange(mini_batch_size, m, mini_batch_size)
    return [(X[:, part], Y[:, part]) for part in np.split(order, cuts)]
