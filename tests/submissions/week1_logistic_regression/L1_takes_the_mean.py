# notebook: numpy_basics
# cell: L1_answer
# loses: L1
# kind: a mean instead of a sum
def L1(yhat, y):
    return np.mean(np.abs(y - yhat))
