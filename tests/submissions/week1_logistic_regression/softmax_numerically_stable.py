# notebook: numpy_basics
# cell: softmax_answer
# loses: none
def softmax(x):
    shifted = x - np.max(x, axis=1, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=1, keepdims=True)
