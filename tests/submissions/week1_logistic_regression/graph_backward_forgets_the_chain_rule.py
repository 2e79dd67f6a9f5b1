# notebook: numpy_basics
# cell: graph_backward_answer
# loses: graph_backward
# kind: left out a factor of the chain rule
def graph_backward(a, b, c):
    return {"dJ_da": 3.0, "dJ_db": c, "dJ_dc": b, "dJ_du": 3.0, "dJ_dv": 3.0}
