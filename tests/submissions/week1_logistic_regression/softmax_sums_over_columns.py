# notebook: numpy_basics
# cell: softmax_answer
# loses: softmax
def softmax(x):
    e = np.exp(x)
    return e / np.sum(e, axis=0, keepdims=True)
