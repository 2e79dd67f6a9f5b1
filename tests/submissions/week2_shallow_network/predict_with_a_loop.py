# notebook: planar_classification
# cell: predict_answer
# loses: none
def predict(parameters, X):
    A2, _ = forward_propagation(X, parameters)
    predictions = np.zeros(A2.shape)
    for i in range(A2.shape[1]):
        if A2[0, i] > 0.5:
            predictions[0, i] = 1.0
    return predictions
