"""Correct versions of the course's exercises, for later weeks and the grader.

A later week imports these instead of a student's earlier answer, so one
week's mistake never breaks the next. A week's notebooks never import that
week's own reference versions (week 2 takes week 1's logistic regression from
here for its baseline); the grader uses them as stand-ins, and a graded
notebook's process sees only the modules its notebook imports, so a module
holds the functions of one week and never those of a week whose notebooks
import it.

- ``activations``         -- the sigmoid and its slope (week 1)
- ``hidden_activations``  -- tanh, ReLU, leaky ReLU and their slopes (week 2)
- ``logistic_regression`` -- week 1's one-unit network
- ``shallow_network``     -- week 2's network with one hidden layer
"""
