# notebook: optimization_methods
# cell: sqrt_lr_decay_answer
# loses: none
import math


def sqrt_lr_decay(learning_rate0, epoch_num, k=1.0):
    return k * learning_rate0 / math.sqrt(epoch_num + 1)
