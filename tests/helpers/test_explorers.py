"""An explorer shows the figure for its defaults, and redraws it when a control moves;
while it draws, its controls are disabled and a label says it is busy."""

import matplotlib
import numpy as np
import pytest
from threadpoolctl import threadpool_info, threadpool_limits

from helpers import explorers
from helpers.progress import plain_output, progress

matplotlib.use("Agg")


def _recording_draw(drawn):
    def draw(fig, **values):
        drawn.append(values)
        fig.add_subplot(1, 1, 1).plot([0, 1], [0, values.get("rate", 0)])
    return draw


def test_without_a_widget_front_end_the_defaults_are_drawn_once(monkeypatch):
    monkeypatch.setenv("COURSE_PLAIN_OUTPUT", "1")
    drawn = []
    box = explorers.explore(_recording_draw(drawn), {"rate": [0.1, 0.2]}, {"rate": 0.2})
    assert box is None and drawn == [{"rate": 0.2}]


def test_with_widgets_each_control_redraws_the_figure(monkeypatch):
    monkeypatch.setattr(explorers, "_widgets_available", lambda: True)
    drawn = []
    box = explorers.explore(_recording_draw(drawn), {"rate": [0.1, 0.2, 0.3], "kind": ["a", "b"]},
                            {"rate": 0.2, "kind": "a"})
    slider, menu, _ = box.children[0].children
    assert type(slider).__name__ == "SelectionSlider" and type(menu).__name__ == "Dropdown"
    slider.value = 0.3
    menu.value = "b"
    assert drawn == [{"rate": 0.2, "kind": "a"}, {"rate": 0.3, "kind": "a"},
                     {"rate": 0.3, "kind": "b"}]


def test_the_week_1_explorer_trains_each_rate_once_with_the_notebooks_model(monkeypatch):
    monkeypatch.setattr(explorers, "_widgets_available", lambda: True)
    calls = []

    def model(X_train, Y_train, X_test, Y_test, num_iterations, learning_rate):
        calls.append(learning_rate)
        return {"costs": [0.7, 0.5 - learning_rate], "Y_prediction_train": Y_train,
                "Y_prediction_test": 1 - Y_test}
    Y = np.array([[1.0, 0.0]])
    box = explorers.learning_rate_explorer(model, np.ones((2, 2)), Y, np.ones((2, 2)), Y,
                                           rates=[0.01, 0.1], num_iterations=200, default=0.01)
    slider = box.children[0].children[0]
    slider.value = 0.1
    slider.value = 0.01
    assert calls == [0.01, 0.1]  # 0.01 again comes from the cache


def _blas_threads():
    return {info["num_threads"] for info in threadpool_info() if info["user_api"] == "blas"}


def test_while_it_draws_the_controls_are_disabled_and_a_label_says_so(monkeypatch):
    monkeypatch.setattr(explorers, "_widgets_available", lambda: True)
    seen, shown = [], {}

    def draw(fig, rate):
        if shown:
            slider, label = shown["box"].children[0].children
            seen.append((rate, slider.disabled, label.value, _blas_threads()))
    shown["box"] = explorers.explore(draw, {"rate": [0.1, 0.2]}, {"rate": 0.1},
                                     busy="training…")
    slider, label = shown["box"].children[0].children
    assert not slider.disabled and label.value == ""
    with threadpool_limits(2):
        slider.value = 0.2
        assert seen == [(0.2, True, "training…", {1})]  # numpy's BLAS on one thread
        assert not slider.disabled and label.value == "" and _blas_threads() == {2}


def test_a_drawing_that_fails_gives_the_controls_back(monkeypatch):
    monkeypatch.setattr(explorers, "_widgets_available", lambda: True)

    def draw(fig, rate):
        if rate == 0.2:
            raise FloatingPointError("the cost is NaN")
    box = explorers.explore(draw, {"rate": [0.1, 0.2]}, {"rate": 0.1}, busy="training…")
    slider, label = box.children[0].children
    with threadpool_limits(2):
        with pytest.raises(FloatingPointError):
            slider.value = 0.2  # outside a kernel the Output widget lets the error through
        assert not slider.disabled and label.value == "" and _blas_threads() == {2}


def test_progress_bars_stay_out_of_plain_output(monkeypatch):
    monkeypatch.setenv("COURSE_PLAIN_OUTPUT", "1")
    items = [1, 2, 3]
    assert plain_output() and progress(items, desc="x") is items
    monkeypatch.delenv("COURSE_PLAIN_OUTPUT")
    assert not plain_output() and list(progress(items, desc="x")) == items
