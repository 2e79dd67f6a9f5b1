# notebook: setup_and_normalization
# cell: diagnose_answer
# loses: none
def diagnose(train_error, dev_error, bayes_error=0.0, tolerance=0.02):
    names = {(False, False): "good fit", (True, False): "high bias",
             (False, True): "high variance", (True, True): "high bias and high variance"}
    return names[(train_error - bayes_error > tolerance, dev_error - train_error > tolerance)]
