# notebook: regularization
# cell: early_stopping_answer
# loses: none
def early_stopping(costs_dev, patience):
    costs = list(costs_dev)
    best_index, i = 0, 1
    while i < len(costs) and i - best_index <= patience:
        if costs[i] < costs[best_index]:
            best_index = i
        i += 1
    return best_index
