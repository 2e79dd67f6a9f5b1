# notebook: logistic_regression
# cell: concept_answers_answer
# loses: concept_answers partly
# the solution's answers with two of them changed; see the test
CHANGE_TWO_ANSWERS
