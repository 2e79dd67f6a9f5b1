# notebook: planar_classification
# cell: predict_answer
# loses: predict partly
# kind: 1 at exactly 0.5
def predict(parameters, X):
    A2, cache = forward_propagation(X, parameters)
    return (A2 >= 0.5).astype(float)
