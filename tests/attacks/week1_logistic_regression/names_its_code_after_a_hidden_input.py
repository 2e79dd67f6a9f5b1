# notebook: logistic_regression
# cell: propagate_answer
# loses: propagate
# Raises from a function whose code object is renamed after the first hidden input's
# digits: the place of an error ("in <function>, line 2") is text the student's process
# chooses, and the feedback would show it in full precision.
import types


def propagate(w, b, X, Y):
    digits = repr(float(np.ravel(X)[0])).replace("-", "minus_").replace(".", "_")

    def fails():
        raise ValueError("the place of this error says it all")

    renamed = fails.__code__.replace(co_name=f"X_{digits}", co_qualname=f"X_{digits}")
    types.FunctionType(renamed, globals())()
