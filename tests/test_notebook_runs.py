"""Printed numbers in stored notebook outputs are compared up to their printing precision."""

from tests.notebook_runs import close_text


def test_a_last_digit_flipped_by_rounding_passes():
    assert close_text("Cost after iteration 1900: 0.154367\n", "Cost after iteration 1900: 0.154368\n")
    assert close_text("w = [ 1.339141 -0.787561]", "w = [ 1.339142 -0.787561]")
    assert close_text("x = 1.5e-07", "x = 1.6e-07")


def test_a_real_change_still_fails():
    assert not close_text("test accuracy: 80.0 %", "test accuracy: 82.0 %")
    assert not close_text("cost = 0.154367", "cost = 0.154467")
    assert not close_text("cost = 0.154367", "loss = 0.154367")
    assert not close_text("costs = [0.1, 0.2]", "costs = [0.1, 0.2, 0.3]")
    assert not close_text("image/png data", "other data")


def test_a_cell_whose_numbers_vary_by_cpu_allows_what_it_declares_and_no_more():
    stored = "          20 |  93.75 %\n"
    assert close_text(stored, "          20 |  94.75 %\n", vary_by=5)
    assert not close_text(stored, "          20 |  94.75 %\n")
    assert not close_text(stored, "          20 |  99.75 %\n", vary_by=5)
    assert not close_text(stored, "          20 |  93.75 % of\n", vary_by=5)
