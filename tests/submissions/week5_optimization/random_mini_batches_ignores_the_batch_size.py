# notebook: optimization_methods
# cell: random_mini_batches_answer
# loses: random_mini_batches partly
# kind: used the default mini_batch_size
def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    m = X.shape[1]
    permutation = np.random.RandomState(seed).permutation(m)
    shuffled_X, shuffled_Y = X[:, permutation], Y[:, permutation]
    return [(shuffled_X[:, k:k + 64], shuffled_Y[:, k:k + 64]) for k in range(0, m, 64)]
