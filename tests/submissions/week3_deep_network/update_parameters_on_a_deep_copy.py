# notebook: deep_network_step_by_step
# cell: update_parameters_answer
# loses: none
import copy


def update_parameters(params, grads, learning_rate):
    params = copy.deepcopy(params)  # a copy of its own: changing it in place is safe
    for l in range(1, len(params) // 2 + 1):
        params[f"W{l}"] -= learning_rate * grads[f"dW{l}"]
        params[f"b{l}"] -= learning_rate * grads[f"db{l}"]
    return params
