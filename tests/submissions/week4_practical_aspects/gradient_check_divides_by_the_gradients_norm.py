# notebook: gradient_checking
# cell: gradient_check_answer
# loses: gradient_check
# kind: wrong denominator
def gradient_check(x, theta, epsilon=1e-7, print_msg=False):
    gradapprox = (forward_propagation(x, theta + epsilon)
                  - forward_propagation(x, theta - epsilon)) / (2 * epsilon)
    grad = backward_propagation(x, theta)
    difference = np.linalg.norm(grad - gradapprox) / np.linalg.norm(grad)
    if print_msg:
        print(f"difference = {difference}")
    return difference
