# notebook: logistic_regression
# cell: concept_answers_answer
# loses: concept_answers partly
# kind: wrong answer
concept_answers = {"q1": "a", "q2": "a", "q3": "d", "q4": "c", "q5": "c", "q6": "a"}
