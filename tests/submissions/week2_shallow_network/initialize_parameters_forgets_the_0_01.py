# notebook: planar_classification
# cell: initialize_parameters_answer
# loses: initialize_parameters
# kind: 100 times the value
def initialize_parameters(n_x, n_h, n_y):
    return {"W1": np.random.randn(n_h, n_x), "b1": np.zeros((n_h, 1)),
            "W2": np.random.randn(n_y, n_h), "b2": np.zeros((n_y, 1))}
