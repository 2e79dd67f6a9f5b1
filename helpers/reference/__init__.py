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
- ``data_setup``, ``initializations`` -- week 4's splits, diagnosis, normalisation, starts
- ``initialization_network`` -- the network week 4's initialisation notebook trains (given)
- ``regularization_network`` -- the plain 3-layer network of the regularisation notebook (given)
- ``regularization``        -- week 4's L2, dropout, early stopping and augmentation
- ``gradcheck_network``     -- the network whose gradients week 4's gradient checks (given)
- ``gradient_checking``     -- week 4's 1-D and network gradient checks
- ``optimizers``            -- week 5's mini-batches, optimisers and learning-rate schedules
"""
