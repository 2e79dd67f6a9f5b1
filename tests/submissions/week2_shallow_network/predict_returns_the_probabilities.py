# notebook: planar_classification
# cell: predict_answer
# loses: predict
# kind: probabilities, not labels
def predict(parameters, X):
    A2, cache = forward_propagation(X, parameters)
    return A2
