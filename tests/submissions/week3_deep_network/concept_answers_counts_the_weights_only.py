# notebook: deep_network_step_by_step
# cell: concept_answers_answer
# loses: concept_answers partly
# kind: wrong answer
concept_answers = {"q1": "b", "q2": "c", "q3": "b", "q4": "d", "q5": "b", "q6": "a",
                   "q7": "c", "q8": 24}
