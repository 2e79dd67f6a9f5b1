# notebook: regularization
# cell: augment_images_answer
# loses: augment_images
# kind: left out the originals
def augment_images(X, seed=0):
    m = X.shape[1]
    pictures = X.T.reshape(m, 64, 64, 3)
    return pictures[:, :, ::-1, :].reshape(m, -1).T
