# notebook: logistic_regression
# cell: optimize_answer
# loses: optimize partly
# kind: used the default learning_rate
def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    costs = []
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        w = w - 0.009 * grads["dw"]
        b = b - 0.009 * grads["db"]
        if i % 100 == 0:
            costs.append(cost)
    return {"w": w, "b": b}, grads, costs
