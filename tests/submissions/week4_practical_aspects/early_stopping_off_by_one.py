# notebook: regularization
# cell: early_stopping_answer
# loses: early_stopping
# kind: off by one
def early_stopping(costs_dev, patience):
    best, best_iteration, waited = float("inf"), 0, 0
    for iteration, cost in enumerate(costs_dev, start=1):
        if cost < best:
            best, best_iteration, waited = cost, iteration, 0
        else:
            waited += 1
            if waited >= patience:
                break
    return best_iteration
