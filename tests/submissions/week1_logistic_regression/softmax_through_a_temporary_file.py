# notebook: numpy_basics
# cell: softmax_answer
# loses: none
import os
import tempfile


def softmax(x):
    x_exp = np.exp(x)
    # the row sums take a detour through a temporary file, as a program that keeps
    # intermediate results on disk would
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "sums.npy")
        np.save(path, np.sum(x_exp, axis=1, keepdims=True))
        sums = np.load(path)
    return x_exp / sums
