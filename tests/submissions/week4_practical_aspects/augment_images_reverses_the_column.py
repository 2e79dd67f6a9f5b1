# notebook: regularization
# cell: augment_images_answer
# loses: augment_images
# kind: reversed the flat vector
def augment_images(X, seed=0):
    return np.hstack([X, X[::-1, :]])
