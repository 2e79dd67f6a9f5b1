# notebook: numpy_basics
# cell: normalize_rows_answer
# loses: normalize_rows
# kind: rank-1 array in a broadcast
def normalize_rows(x):
    return x / np.linalg.norm(x, axis=1)
