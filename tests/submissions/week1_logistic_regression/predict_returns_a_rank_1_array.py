# notebook: logistic_regression
# cell: predict_answer
# loses: predict
# kind: rank-1 array
def predict(w, b, X):
    A = sigmoid(np.dot(w.T, X) + b)
    return (A[0] > 0.5).astype(float)
