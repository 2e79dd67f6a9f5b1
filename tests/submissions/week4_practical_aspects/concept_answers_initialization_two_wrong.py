# notebook: initialization
# cell: concept_answers_answer
# loses: concept_answers partly
# kind: wrong answer
concept_answers = {"q1": "b", "q2": "d", "q3": "a", "q4": "a", "q5": "b"}
