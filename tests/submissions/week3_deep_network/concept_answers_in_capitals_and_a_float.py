# notebook: deep_network_step_by_step
# cell: concept_answers_answer
# loses: none
concept_answers = {"q1": "B", "q2": "C", "q3": "B", "q4": "D", "q5": "B", "q6": "A",
                   "q7": "C", "q8": 28.0}
