# notebook: optimization_methods
# cell: random_mini_batches_answer
# loses: random_mini_batches partly
# kind: repeated examples in the last mini-batch
def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    m = X.shape[1]
    permutation = np.random.RandomState(seed).permutation(m)
    shuffled_X, shuffled_Y = X[:, permutation], Y[:, permutation]
    mini_batches = []
    for k in range(0, m, mini_batch_size):
        start = min(k, max(m - mini_batch_size, 0))  # every batch full: the last one overlaps
        mini_batches.append((shuffled_X[:, start:start + mini_batch_size],
                             shuffled_Y[:, start:start + mini_batch_size]))
    return mini_batches
