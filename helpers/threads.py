"""Numpy's linear algebra on one core, for the notebooks' long training cells.

The contract: ``with one_thread():`` runs its block with the linear-algebra library
behind numpy (OpenBLAS, MKL, ...) and any OpenMP pool limited to one thread each, and
puts the limits that were in force back when the block ends, also when it raises.
Nothing else changes; a product summed by one thread instead of several may differ in
its last bits, no more.

Why: the course's arrays are small (the largest product is 20 x 12288 by 12288 x 209),
so a second thread gains little even on an idle computer. On a server shared by a
class, every kernel's threads compete for the same few cores and spend their time
waiting on each other: under load, week 3's 2-layer training once took 630 s for
about 36 s of work on one core. One thread per kernel keeps every student near the
idle time. The explorers (``helpers.explorers``) train inside it too.
"""

__all__ = ["one_thread"]


def one_thread():
    """A context manager: numpy's BLAS and OpenMP on one thread within the block."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1)
