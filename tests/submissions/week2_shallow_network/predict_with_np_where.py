# notebook: planar_classification
# cell: predict_answer
# loses: none
def predict(parameters, X):
    A2, _ = forward_propagation(X, parameters)
    return np.where(A2 > 0.5, 1.0, 0.0)
