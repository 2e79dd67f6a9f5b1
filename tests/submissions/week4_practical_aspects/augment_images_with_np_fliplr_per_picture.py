# notebook: regularization
# cell: augment_images_answer
# loses: none
def augment_images(X, seed=0):
    columns = [X[:, i] for i in range(X.shape[1])]
    mirrored = [np.fliplr(column.reshape(64, 64, 3)).reshape(-1) for column in columns]
    return np.column_stack(columns + mirrored)
