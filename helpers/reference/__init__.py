"""Correct versions of the course's exercises, for later weeks and the grader.

A later notebook imports these instead of a student's earlier answer, so one
mistake never breaks the next notebook. A notebook never imports the reference
versions of its own exercises (week 2 takes week 1's logistic regression from
here for its baseline; week 3's application takes the step-by-step notebook's
functions from ``deep_network``); the grader uses them as stand-ins, and a
graded notebook's process sees only the modules its notebook imports, so a
module holds the exercises of one notebook and never those of a notebook that
imports it.

- ``activations``           -- the sigmoid and its slope (week 1)
- ``hidden_activations``    -- tanh, ReLU, leaky ReLU and their slopes (week 2)
- ``logistic_regression``   -- week 1's one-unit network
- ``shallow_network``       -- week 2's network with one hidden layer
- ``layer_activations``     -- the sigmoid and ReLU with their backward steps (given in week 3)
- ``deep_network``          -- week 3's forward and backward steps of an L-layer network
- ``scaled_initialization`` -- the weights scaled by 1 / sqrt(n_{l-1}) of week 3's application
- ``deep_models``           -- week 3's two-layer and L-layer models
- ``optimizers``            -- week 5's mini-batches, optimisers and learning-rate schedules
"""
