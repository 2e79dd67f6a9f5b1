# notebook: numpy_basics
# cell: L2_answer
# loses: L2
# kind: not squared
def L2(yhat, y):
    return float(np.sum(y - yhat))
