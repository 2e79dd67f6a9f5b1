# notebook: regularization
# cell: early_stopping_answer
# loses: early_stopping
# kind: returned the last index
def early_stopping(costs_dev, patience):
    best, waited = float("inf"), 0
    for i, cost in enumerate(costs_dev):
        if cost < best:
            best, waited = cost, 0
        else:
            waited += 1
            if waited >= patience:
                return i
    return len(costs_dev) - 1
