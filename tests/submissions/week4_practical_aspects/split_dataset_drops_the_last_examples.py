# notebook: setup_and_normalization
# cell: split_dataset_answer
# loses: split_dataset
# kind: dropped the last examples
def split_dataset(X, Y, fractions=(0.6, 0.2, 0.2), seed=0):
    m = X.shape[1]
    order = np.random.RandomState(seed).permutation(m)
    X, Y = X[:, order], Y[:, order]
    sizes = [int(share * m) for share in fractions]
    ends = np.cumsum(sizes)
    return (X[:, :ends[0]], Y[:, :ends[0]], X[:, ends[0]:ends[1]], Y[:, ends[0]:ends[1]],
            X[:, ends[1]:ends[2]], Y[:, ends[1]:ends[2]])
