# notebook: numpy_basics
# cell: L2_answer
# loses: none
def L2(yhat, y):
    d = (y - yhat).ravel()
    return float(d @ d)
