# notebook: regularization
# cell: early_stopping_answer
# loses: early_stopping
# kind: ignored the patience
def early_stopping(costs_dev, patience):
    return int(np.argmin(costs_dev))
