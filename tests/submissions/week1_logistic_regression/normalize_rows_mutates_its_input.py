# notebook: numpy_basics
# cell: normalize_rows_answer
# loses: normalize_rows
# kind: changed an input in place
def normalize_rows(x):
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    return x
