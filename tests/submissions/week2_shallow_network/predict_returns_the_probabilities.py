# notebook: planar_classification
# cell: predict_answer
# loses: predict
def predict(parameters, X):
    A2, cache = forward_propagation(X, parameters)
    return A2
