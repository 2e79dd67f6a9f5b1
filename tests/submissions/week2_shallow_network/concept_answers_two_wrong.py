# notebook: planar_classification
# cell: concept_answers_answer
# loses: concept_answers partly
# kind: wrong answer
concept_answers = {"q1": "a", "q2": "a", "q3": "b", "q4": "a", "q5": "a", "q6": "b", "q7": "d"}
