# notebook: logistic_regression
# cell: propagate_answer
# loses: propagate
from helpers.reference import logistic_regression as _borrowed
propagate = _borrowed.propagate
