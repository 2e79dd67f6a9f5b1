# notebook: deep_network_step_by_step
# cell: L_model_backward_answer
# loses: L_model_backward
# kind: value under another key
def L_model_backward(AL, Y, caches):
    grads = {}
    L = len(caches)
    dA = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    for l in reversed(range(1, L + 1)):
        activation = "sigmoid" if l == L else "relu"
        dA, dW, db = linear_activation_backward(dA, caches[l - 1], activation)
        grads["dA" + str(l)] = dA
        grads["dW" + str(l)] = dW
        grads["db" + str(l)] = db
    return grads
