"""Shared helpers for the course notebooks.

Import what you need by explicit name, for example::

    from helpers.data import load_cat_dataset
    from helpers.testing import check_function

Modules, by topic:

- ``helpers.data``       -- loading the picture sets, your own pictures and 2-D point sets
- ``helpers.plots``      -- learning curves, labelled image grids, points, decision boundaries
- ``helpers.diagrams``   -- the lectures' figures: a computation graph, a network's layers,
                            the forward and backward building blocks
- ``helpers.gradcheck``  -- numerical gradients and the relative-error check
- ``helpers.shapes``     -- the shape of every array of a deep network, as a dict or a table
- ``helpers.testing``    -- the checks that the notebooks' check cells call
- ``helpers.threads``    -- numpy's linear algebra on one core, for long training cells
- ``helpers.reference``  -- correct versions of earlier exercises, for later weeks

Every array follows the course's notation: examples are columns, so a data
matrix ``X`` has shape ``(n_x, m)`` and labels ``Y`` have shape ``(1, m)``.
"""
