# notebook: numpy_basics
# cell: softmax_answer
# loses: none
def softmax(x):
    out = np.zeros(x.shape)
    for i in range(x.shape[0]):
        total = 0.0
        for j in range(x.shape[1]):
            total += math.exp(x[i, j])
        for j in range(x.shape[1]):
            out[i, j] = math.exp(x[i, j]) / total
    return out
