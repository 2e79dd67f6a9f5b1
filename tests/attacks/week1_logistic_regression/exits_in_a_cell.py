# notebook: logistic_regression
# cell: propagate_answer
# loses: propagate
import sys
sys.exit("bye")
