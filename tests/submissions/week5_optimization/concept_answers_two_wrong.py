# notebook: optimization_methods
# cell: concept_answers_answer
# loses: concept_answers partly
# kind: wrong answer
concept_answers = {"q1": "a", "q2": "b", "q3": "c", "q4": "a", "q5": "b", "q6": "b"}
