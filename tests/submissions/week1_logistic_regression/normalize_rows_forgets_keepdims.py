# notebook: numpy_basics
# cell: normalize_rows_answer
# loses: normalize_rows
def normalize_rows(x):
    return x / np.linalg.norm(x, axis=1)
