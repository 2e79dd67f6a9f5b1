# notebook: numpy_basics
# cell: slope_answer
# loses: slope
# kind: centred difference
def slope(f, a, h=1e-3):
    return (f(a + h) - f(a - h)) / (2 * h)
