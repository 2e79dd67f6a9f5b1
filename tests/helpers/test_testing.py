"""The checks speak to students about their actual mistake."""

import numpy as np
import pytest

from helpers.testing import assert_shape, check_answers, check_function, diagnose


def only(problems):
    assert len(problems) == 1, problems
    return problems[0]


def test_matching_answers_have_no_problems():
    assert diagnose(np.ones((2, 3)), np.ones((2, 3)), "A") == []
    assert diagnose(({"dw": np.zeros((2, 1)), "db": 0.5}, 1.0),
                    ({"dw": np.zeros((2, 1)), "db": 0.5}, np.float64(1.0)), "out") == []
    assert diagnose([1.0, 2.0], [1.0, 2.0], "costs") == []


def test_rank_1_array_is_named_with_keepdims_advice():
    text = only(diagnose(np.zeros(4), np.zeros((4, 1)), "dw"))
    assert "rank-1" in text and "(4,)" in text and "keepdims" in text


def test_transposed_shape_is_named():
    text = only(diagnose(np.zeros((4, 3)), np.zeros((3, 4)), "dW",
                         hints={"transpose": "did you transpose A_prev?"}))
    assert "(4, 3)" in text and "expected (3, 4)" in text and "A_prev" in text


def test_factor_of_m_is_recognised_both_ways():
    e = np.array([[0.1], [-0.2]])
    assert "forget to divide by m" in only(diagnose(e * 5, e, "dw", m=5))
    assert "divide by m twice" in only(diagnose(e / 5, e, "dw", m=5))


def test_flipped_sign_is_recognised():
    assert "opposite sign" in only(diagnose(-0.7, 0.7, "cost"))


def test_nan_is_explained():
    assert "NaN" in only(diagnose(np.array([np.nan, 1.0]), np.array([0.5, 1.0]), "A"))


def test_cost_as_a_1x1_array_is_not_a_float():
    text = only(diagnose(np.array([[0.3]]), 0.3, "cost"))
    assert "(1, 1)" in text and "single number" in text


def test_broadcast_square_matrix_is_explained():
    text = only(diagnose(np.zeros((5, 5)), np.zeros((1, 5)), "A"))
    assert "broadcast" in text


def test_hidden_diagnosis_does_not_reveal_expected_values():
    text = only(diagnose(np.array([1.0, 2.0, 3.5]), np.array([1.0, 2.0, 3.25]), "s",
                         reveal=False))
    assert "3.25" not in text and "1 of 3" in text
    assert "3.25" in only(diagnose(np.array([1.0, 2.0, 3.5]), np.array([1.0, 2.0, 3.25]), "s"))


def test_dict_keys_and_tuple_lengths_are_checked():
    assert "missing the key" in only(diagnose({"dw": 1.0}, {"dw": 1.0, "db": 2.0}, "grads"))
    assert "unexpected key" in only(diagnose({"dw": 1.0, "x": 2}, {"dw": 1.0}, "grads"))
    assert "tuple of 2" in only(diagnose((1.0,), (1.0, 2.0), "out"))
    assert "list" in only(diagnose([1.0, 2.0], np.array([1.0, 2.0]), "s"))


def test_check_function_reports_a_mutated_input():
    def update(w):
        w -= 1.0
        return w
    with pytest.raises(AssertionError, match="changed its argument `w` in place"):
        check_function(update, (np.ones(2),), np.zeros(2))


W_GLOBAL = np.array([[1.0], [2.0]])


def test_check_function_names_a_global_read_instead_of_an_argument():
    def score(w):
        return float(np.sum(W_GLOBAL))
    with pytest.raises(AssertionError, match="W_GLOBAL"):
        check_function(score, (np.zeros((2, 1)),), 0.0)


def test_check_function_says_when_the_stub_is_untouched():
    def stub(x):
        raise NotImplementedError()
    with pytest.raises(AssertionError, match="not written yet"):
        check_function(stub, (1,), 1)


def test_check_function_passes_and_says_so(capsys):
    check_function(lambda x: 2 * x, (np.ones(3),), 2 * np.ones(3))
    assert "passes its visible check" in capsys.readouterr().out


def test_check_answers_checks_form_only():
    check_answers({"q1": "a", "q2": 3}, {"q1": "abcd", "q2": "number"})
    with pytest.raises(AssertionError, match="q1"):
        check_answers({"q1": "e", "q2": 3}, {"q1": "abcd", "q2": "number"})
    with pytest.raises(AssertionError, match="no answer"):
        check_answers({}, {"q1": "abcd"})


def test_assert_shape():
    assert_shape(np.zeros((3, 1)), (3, 1), "v")
    with pytest.raises(AssertionError, match="rank-1"):
        assert_shape(np.zeros(3), (3, 1), "v")


def test_a_stub_called_inside_is_named_instead_of_the_caller():
    def helper(x):
        raise NotImplementedError()

    def outer(x):
        return helper(x)
    with pytest.raises(AssertionError, match="outer calls helper, which is not written yet"):
        check_function(outer, (1,), 1)


def _notebook(code):
    """Functions defined as a notebook cell would define them (sharing one namespace)."""
    namespace = {"np": np}
    exec(code, namespace)
    return namespace


def test_a_check_that_fails_through_a_failing_function_says_to_fix_that_one_first():
    cell = _notebook("def scale_by_two(x):\n    return -2 * x\n\n"
                     "def shifted_scale(x):\n    return scale_by_two(x) + 1\n\n"
                     "def own_mistake(x):\n    return x - 1\n")
    with pytest.raises(AssertionError):
        check_function(cell["scale_by_two"], (1.5,), 3.0)
    with pytest.raises(AssertionError, match="shifted_scale calls your scale_by_two, which "
                                             "did not pass its own check"):
        check_function(cell["shifted_scale"], (1.5,), 4.0)
    with pytest.raises(AssertionError) as raised:
        check_function(cell["own_mistake"], (1.5,), 2.5)
    assert "calls your" not in str(raised.value)

    exec("def scale_by_two(x):\n    return 2 * x\n", cell)  # fixed, and checked again
    check_function(cell["scale_by_two"], (1.5,), 3.0)
    check_function(cell["shifted_scale"], (1.5,), 4.0)


def test_a_crash_caused_by_a_failing_function_names_it():
    cell = _notebook("def returns_nothing(x):\n    x * 2\n\n"
                     "def uses_it(x):\n    return returns_nothing(x) + 1\n")
    with pytest.raises(AssertionError):
        check_function(cell["returns_nothing"], (1.0,), 2.0)
    with pytest.raises(AssertionError, match="(?s)uses_it stopped with TypeError.*calls your "
                                             "returns_nothing"):
        check_function(cell["uses_it"], (1.0,), 3.0)


def test_a_crash_with_no_failing_function_behind_it_is_left_alone():
    cell = _notebook("def divides(x):\n    return 1 / x\n")
    with pytest.raises(ZeroDivisionError):
        check_function(cell["divides"], (0,), 1.0)
