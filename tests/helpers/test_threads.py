"""``one_thread()`` keeps numpy's BLAS on one thread within its block, and only there."""

import numpy as np
import pytest
from threadpoolctl import threadpool_info, threadpool_limits

from helpers.threads import one_thread


def _blas_threads():
    return {info["num_threads"] for info in threadpool_info() if info["user_api"] == "blas"}


def test_one_thread_limits_blas_within_its_block_and_gives_the_threads_back_after():
    np.ones((2, 2)) @ np.ones((2, 2))  # numpy's BLAS is loaded
    with threadpool_limits(2):
        assert _blas_threads() == {2}
        with one_thread():
            assert _blas_threads() == {1}
        assert _blas_threads() == {2}


def test_one_thread_gives_the_threads_back_when_its_block_raises():
    with threadpool_limits(2):
        with pytest.raises(ZeroDivisionError), one_thread():
            1 / 0
        assert _blas_threads() == {2}
