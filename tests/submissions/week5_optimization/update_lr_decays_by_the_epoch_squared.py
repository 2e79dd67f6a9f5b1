# notebook: optimization_methods
# cell: update_lr_answer
# loses: update_lr
# kind: decayed by the epoch squared
def update_lr(learning_rate0, epoch_num, decay_rate):
    return learning_rate0 / (1 + decay_rate * epoch_num ** 2)
