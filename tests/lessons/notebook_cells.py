"""Running chosen cells of a source notebook, as a student's kernel runs them.

Contract: ``run_cells(path, cell_ids)`` executes the code cells with those ids, in the
notebook's order, in one fresh namespace, and returns it. IPython's magics are left out,
matplotlib draws off screen and ``plt.show`` only closes the figures, so a lessons test reads
the numbers the notebook's own cells compute (its data, settings and seeds), never a copy of
them that could drift.
"""

import matplotlib
import nbformat


def run_cells(path, cell_ids):
    """The namespace after running the code cells ``cell_ids`` of the notebook at ``path``."""
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    cells = {cell.get("id"): cell for cell in nbformat.read(path, as_version=4).cells
             if cell.cell_type == "code"}
    missing = [cell_id for cell_id in cell_ids if cell_id not in cells]
    if missing:
        raise LookupError(f"{path.name} has no code cells {missing}")
    namespace = {}
    for cell_id, cell in cells.items():
        if cell_id in cell_ids:
            code = "\n".join(line for line in cell.source.splitlines()
                             if not line.lstrip().startswith("%"))
            exec(compile(code, f"{path.name}:{cell_id}", "exec"), namespace)
            plt.close("all")
    return namespace
