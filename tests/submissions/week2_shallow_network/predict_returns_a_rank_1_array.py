# notebook: planar_classification
# cell: predict_answer
# loses: predict
# kind: rank-1 array
def predict(parameters, X):
    A2, cache = forward_propagation(X, parameters)
    return (A2[0] > 0.5).astype(float)
