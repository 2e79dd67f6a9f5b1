# notebook: planar_classification
# cell: layer_sizes_answer
# loses: layer_sizes
# kind: counted the examples
def layer_sizes(X, Y):
    return X.shape[1], 4, Y.shape[1]
