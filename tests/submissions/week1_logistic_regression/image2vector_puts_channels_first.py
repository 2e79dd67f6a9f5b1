# notebook: numpy_basics
# cell: image2vector_answer
# loses: image2vector partly
# kind: wrong layout
def image2vector(image):
    return image.transpose(2, 0, 1).reshape(-1, 1)
