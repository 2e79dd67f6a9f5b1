# notebook: gradient_checking
# cell: concept_answers_answer
# loses: concept_answers partly
# kind: wrong answer
concept_answers = {"q1": "a", "q2": "c", "q3": "b", "q4": "c"}
