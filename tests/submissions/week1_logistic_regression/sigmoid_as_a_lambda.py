# notebook: numpy_basics
# cell: sigmoid_answer
# loses: none
sigmoid = lambda x: 1.0 / (1.0 + np.exp(-x))  # noqa: E731
