# notebook: planar_classification
# cell: initialize_parameters_answer
# loses: initialize_parameters
# kind: drew W2 before W1
def initialize_parameters(n_x, n_h, n_y):
    W2 = np.random.randn(n_y, n_h) * 0.01
    W1 = np.random.randn(n_h, n_x) * 0.01
    return {"W1": W1, "b1": np.zeros((n_h, 1)), "W2": W2, "b2": np.zeros((n_y, 1))}
