# notebook: setup_and_normalization
# cell: diagnose_answer
# loses: diagnose partly
# kind: ignored the Bayes error
def diagnose(train_error, dev_error, bayes_error=0.0, tolerance=0.02):
    high_bias = train_error > tolerance
    high_variance = dev_error - train_error > tolerance
    if high_bias and high_variance:
        return "high bias and high variance"
    if high_bias:
        return "high bias"
    if high_variance:
        return "high variance"
    return "good fit"
