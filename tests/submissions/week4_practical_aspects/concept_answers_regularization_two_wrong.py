# notebook: regularization
# cell: concept_answers_answer
# loses: concept_answers partly
# kind: wrong answer
concept_answers = {"q1": "b", "q2": "b", "q3": "a", "q4": "b", "q5": "c"}
