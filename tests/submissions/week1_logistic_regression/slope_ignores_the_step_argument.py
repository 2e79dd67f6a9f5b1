# notebook: numpy_basics
# cell: slope_answer
# loses: slope partly
# kind: used the default h
def slope(f, a, h=1e-3):
    return (f(a + 1e-3) - f(a)) / 1e-3
