#!/usr/bin/env python
"""Single hand-made cues on the cat pictures, against logistic regression.

A cue is one number per picture that a person might hope gives a cat away: the
share of pink pixels in the top half (drawn cats have pink inner ears), the
share of each hue band, the centre-border brightness contrast, the edge
density, ... Each cue becomes a rule "cat when the cue is above (or below) a
threshold"; the threshold and the direction are the ones with the best
accuracy on the *training* pictures, and the rule is then scored on the test
pictures. If such a rule did as well as logistic regression, the lesson would
be about a shortcut, not about learning from pixels; tests/datasets checks
that none does.

Pictures are arrays of shape (m, 64, 64, 3), uint8; every cue returns shape (m,).

Usage: python benchmarks/cat_pictures_cues.py [--data DIR]
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

import h5py
import numpy as np

DATA = Path(__file__).resolve().parent.parent / "datasets"
# Hue bands in degrees, [start, end); "red" wraps around 0.
HUE_BANDS = {"red": (345, 15), "orange": (15, 45), "yellow": (45, 70), "green": (70, 165),
             "cyan": (165, 200), "blue": (200, 260), "purple": (260, 300), "magenta": (300, 345)}
MIN_SATURATION = 0.15  # below: a grey pixel, in no hue band
EDGE_STEP = 20.0  # a brightness step (0-255) between neighbours that counts as an edge


@dataclass(frozen=True)
class CueRule:
    """One cue turned into a classifier by its best training threshold."""

    name: str
    threshold: float  # in the cue's own unit
    direction: int  # +1: cat when the cue is above the threshold; -1: below
    train_accuracy: float  # percent
    test_accuracy: float  # percent
    one_class: bool  # the threshold lies beyond every training value: the rule always answers one class


def load_pictures(data_dir=DATA):
    """Returns train_x (m_train, 64, 64, 3) uint8, train_y (m_train,), test_x, test_y."""
    data_dir = Path(data_dir)
    with h5py.File(data_dir / "train_cat_pictures.h5", "r") as f:
        train_x, train_y = f["train_set_x"][:], f["train_set_y"][:]
    with h5py.File(data_dir / "test_cat_pictures.h5", "r") as f:
        test_x, test_y = f["test_set_x"][:], f["test_set_y"][:]
    return train_x, train_y, test_x, test_y


def hsv(x):
    """Hue in degrees [0, 360), saturation and value in [0, 1]; each (m, 64, 64)."""
    x = x.astype(np.float64) / 255
    r, g, b = x[..., 0], x[..., 1], x[..., 2]
    top, bottom = x.max(axis=-1), x.min(axis=-1)
    spread = np.maximum(top - bottom, 1e-12)
    hue = np.where(top == r, ((g - b) / spread) % 6,
                   np.where(top == g, (b - r) / spread + 2, (r - g) / spread + 4)) * 60
    saturation = np.where(top > 0, (top - bottom) / np.maximum(top, 1e-12), 0.0)
    return hue, saturation, top


def brightness(x):
    """Luma 0.299 R + 0.587 G + 0.114 B, 0-255, shape (m, 64, 64)."""
    return x.astype(np.float64) @ np.array([0.299, 0.587, 0.114])


def colour_masks(x):
    """Dict name -> boolean mask (m, 64, 64): two definitions of pink, the hue
    bands (saturated pixels only), grey, dark and bright pixels."""
    hue, saturation, value = hsv(x)
    rgb = x.astype(np.int64)
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    masks = {
        "pink (hue)": ((hue >= 320) | (hue < 20)) & (saturation >= 0.15) & (saturation <= 0.65) & (value >= 0.55),
        "pink (RGB)": (r >= 140) & (r - g >= 35) & (r - b >= 20) & (b - g >= -10),
    }
    coloured = (saturation >= MIN_SATURATION) & (value >= 0.2)
    for name, (start, end) in HUE_BANDS.items():
        band = (hue >= start) | (hue < end) if start > end else (hue >= start) & (hue < end)
        masks[name] = band & coloured
    luma = brightness(x)
    masks["grey"] = saturation < MIN_SATURATION
    masks["dark"] = luma < 60
    masks["bright"] = luma > 200
    return masks


def _edges(luma):
    """Brightness steps to the right and downwards, summed: shape (m, 63, 63)."""
    return np.abs(np.diff(luma, axis=2))[:, :-1, :] + np.abs(np.diff(luma, axis=1))[:, :, :-1]


def cue_values(x):
    """Dict cue name -> values, shape (m,), for pictures x (m, 64, 64, 3) uint8."""
    cues = {}
    for colour, mask in colour_masks(x).items():
        cues[f"share of {colour} pixels, top half"] = mask[:, :32].mean(axis=(1, 2))
        cues[f"share of {colour} pixels, whole picture"] = mask.mean(axis=(1, 2))
    luma = brightness(x)
    _, saturation, _ = hsv(x)
    border = np.ones((64, 64), dtype=bool)
    border[8:56, 8:56] = False  # an 8-pixel frame
    contrast = luma[:, 16:48, 16:48].mean(axis=(1, 2)) - luma[:, border].mean(axis=1)
    cues["mean brightness"] = luma.mean(axis=(1, 2))
    cues["brightness spread (std)"] = luma.std(axis=(1, 2))
    cues["mean saturation"] = saturation.mean(axis=(1, 2))
    cues["centre - border brightness"] = contrast
    cues["|centre - border brightness|"] = np.abs(contrast)
    cues["top - bottom brightness"] = luma[:, :32].mean(axis=(1, 2)) - luma[:, 32:].mean(axis=(1, 2))
    cues["left - right brightness"] = luma[:, :, :32].mean(axis=(1, 2)) - luma[:, :, 32:].mean(axis=(1, 2))
    edges = _edges(luma)
    cues["edge density, whole picture"] = (edges > EDGE_STEP).mean(axis=(1, 2))
    cues["edge density, centre"] = (edges[:, 16:48, 16:48] > EDGE_STEP).mean(axis=(1, 2))
    cues["mean edge strength"] = edges.mean(axis=(1, 2))
    rgb = x.astype(np.float64)
    for i, channel in enumerate(("red", "green", "blue")):
        cues[f"mean {channel} channel"] = rgb[..., i].mean(axis=(1, 2))
    cues["mean red - blue"] = (rgb[..., 0] - rgb[..., 2]).mean(axis=(1, 2))
    return cues


def best_threshold(values, y):
    """The rule "cat when direction * (value - threshold) > 0" with the best accuracy.

    values -- one cue, shape (m,); y -- labels 0/1, shape (m,).
    Returns (threshold, direction, accuracy in percent); ties go to the first
    candidate, thresholds halfway between neighbouring values or just beyond
    the extreme ones (a rule that answers one class for every picture).
    """
    v = np.sort(values)
    candidates = np.concatenate(([v[0] - 1], (v[:-1] + v[1:]) / 2, [v[-1] + 1]))  # (m + 1,)
    is_cat = np.asarray(y).reshape(-1) == 1
    best = (float(candidates[0]), 1, -1.0)
    for direction in (1, -1):
        predictions = direction * (values[None, :] - candidates[:, None]) > 0  # (m + 1, m)
        accuracy = 100.0 * (predictions == is_cat[None, :]).mean(axis=1)
        i = int(np.argmax(accuracy))
        if accuracy[i] > best[2]:
            best = (float(candidates[i]), direction, float(accuracy[i]))
    return best


def cue_rules(train_x, train_y, test_x, test_y):
    """Every cue with its training-set threshold and both accuracies, best test accuracy first."""
    train_cues, test_cues = cue_values(train_x), cue_values(test_x)
    is_cat = np.asarray(test_y).reshape(-1) == 1
    rules = []
    for name, values in train_cues.items():
        threshold, direction, train_accuracy = best_threshold(values, train_y)
        predictions = direction * (test_cues[name] - threshold) > 0
        one_class = not values.min() < threshold < values.max()
        rules.append(CueRule(name, threshold, direction, train_accuracy,
                             100.0 * float(np.mean(predictions == is_cat)), one_class))
    return sorted(rules, key=lambda rule: -rule.test_accuracy)


def print_rules(rules):
    """One line per cue: name, rule, training and test accuracy (one decimal)."""
    print(f"{'cue':46s} {'rule (cat when ...)':>22s} {'train':>7s} {'test':>7s}")
    for rule in rules:
        sign = ">" if rule.direction > 0 else "<"
        text = "(always one class)" if rule.one_class else f"{sign} {rule.threshold:.4g}"
        print(f"{rule.name:46s} {text:>22s}"
              f" {rule.train_accuracy:6.1f}% {rule.test_accuracy:6.1f}%")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description="Single-cue rules on the cat pictures, against logistic regression.")
    ap.add_argument("--data", type=Path, default=DATA, help="folder with train_cat_pictures.h5 and test_cat_pictures.h5")
    args = ap.parse_args()
    train_x, train_y, test_x, test_y = load_pictures(args.data)
    rules = cue_rules(train_x, train_y, test_x, test_y)
    print_rules(rules)
    baseline = 100.0 * max(np.mean(test_y == 0), np.mean(test_y == 1))
    print(f"\nbest single cue: {rules[0].name}, {rules[0].test_accuracy:.1f}% on the test set "
          f"(always answering the majority class: {baseline:.1f}%)")
    from cat_pictures_lessons import MAIN_RUN, accuracy, load, logistic_regression, lr_predict

    X, y, X_test, y_test = load(args.data, dtype=np.float64)
    w, b = logistic_regression(X, y)
    print(f"logistic regression ({MAIN_RUN['num_iterations']} iterations, learning rate "
          f"{MAIN_RUN['learning_rate']}): {accuracy(lr_predict(w, b, X_test), y_test):.1f}% on the test set")
