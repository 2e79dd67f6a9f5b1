# notebook: logistic_regression
# cell: predict_answer
# loses: predict partly
# kind: 1 at exactly 0.5
def predict(w, b, X):
    A = sigmoid(np.dot(w.T, X) + b)
    return (A >= 0.5).astype(float)
