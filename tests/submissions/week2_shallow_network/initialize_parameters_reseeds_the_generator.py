# notebook: planar_classification
# cell: initialize_parameters_answer
# loses: initialize_parameters
# kind: seeded the generator itself
def initialize_parameters(n_x, n_h, n_y):
    np.random.seed(2)
    return {"W1": np.random.randn(n_h, n_x) * 0.01, "b1": np.zeros((n_h, 1)),
            "W2": np.random.randn(n_y, n_h) * 0.01, "b2": np.zeros((n_y, 1))}
