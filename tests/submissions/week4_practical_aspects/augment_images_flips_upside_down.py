# notebook: regularization
# cell: augment_images_answer
# loses: augment_images
# kind: flipped the wrong axis
def augment_images(X, seed=0):
    m = X.shape[1]
    pictures = X.T.reshape(m, 64, 64, 3)
    flipped = pictures[:, ::-1, :, :]
    return np.concatenate([X, flipped.reshape(m, -1).T], axis=1)
