# notebook: logistic_regression
# cell: propagate_answer
# loses: propagate
import types

try:
    from helpers.reference import activations, logistic_regression as _reference
    propagate = types.FunctionType(_reference.propagate.__code__,
                                   dict(globals(), sigmoid=activations.sigmoid), "propagate")
except ImportError:
    def propagate(w, b, X, Y):
        return {"dw": np.zeros_like(w), "db": 0.0}, 0.0
