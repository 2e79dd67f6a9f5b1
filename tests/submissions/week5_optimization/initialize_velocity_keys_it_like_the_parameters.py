# notebook: optimization_methods
# cell: initialize_velocity_answer
# loses: initialize_velocity
# kind: missing keys
def initialize_velocity(parameters):
    return {key: np.zeros(value.shape) for key, value in parameters.items()}
