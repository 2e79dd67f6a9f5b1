# notebook: numpy_basics
# cell: image2vector_answer
# loses: image2vector
# kind: rank-1 array
def image2vector(image):
    return image.reshape(-1)
