#!/usr/bin/env python
"""Deterministic builder of the course's "cat vs non-cat" picture set.

The course cannot redistribute a photo set, so the pictures are *drawn* by
this script with numpy and Pillow primitives (ellipses, polygons, lines),
at 4x resolution (256x256) and downsampled with LANCZOS to 64x64, then given
photographic touches (cluttered backgrounds, lighting, colour cast, blur,
sensor noise, partial framing). Everything but the subject is drawn the same
way for both classes (backgrounds, toning, framing, palette, pink parts), so
that no single global cue such as a colour share or the centre-border
contrast tells a cat from a non-cat.

Layout of the files (same as the well-known ``train_catvnoncat.h5``)::

    train file: train_set_x (m, 64, 64, 3) uint8
                train_set_y (m,)           int64, 1 = cat, 0 = non-cat
                list_classes (2,)          |S7, [b'non-cat', b'cat']
    test file:  test_set_x, test_set_y, list_classes (same dtypes)

Usage::

    python datasets/build_cat_pictures.py                 # rebuild committed files and try_your_own/
    python datasets/build_cat_pictures.py --train 2000 --test 500 --seed 7 --out /tmp/cats
    python datasets/build_cat_pictures.py --from-folder my_pictures --out my_set

All randomness comes from ``np.random.default_rng(seed)`` objects passed
explicitly; nothing uses global random state.
"""

from __future__ import annotations

import argparse
import math
import sys
import warnings
from pathlib import Path

import h5py
import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageFilter

HERE = Path(__file__).resolve().parent
DEFAULT_TRAIN = 209
DEFAULT_TEST = 50
DEFAULT_SEED = 2024
CAT_FRACTION = 0.38
TRAIN_NAME = "train_cat_pictures.h5"
TEST_NAME = "test_cat_pictures.h5"
CLASSES = np.array([b"non-cat", b"cat"], dtype="S7")
IMAGE_EXTENSIONS = None  # any file: Pillow decides what it can open

S = 256  # drawing canvas (4x the output size, for anti-aliasing)
OUT = 64

# --------------------------------------------------------------------------
# colours
# --------------------------------------------------------------------------
FUR = {
    "orange": (214, 128, 52),
    "cream": (232, 210, 168),
    "grey": (128, 128, 134),
    "dark_grey": (78, 78, 84),
    "black": (34, 32, 34),
    "white": (238, 236, 230),
    "brown": (118, 78, 48),
    "tan": (190, 150, 100),
}
PINK = (236, 150, 160)
IRIS = [(120, 180, 60), (210, 180, 40), (200, 140, 40), (90, 160, 210), (150, 190, 80)]


def _u(rng, lo, hi):
    return float(rng.uniform(lo, hi))


def _jit(col, rng, amount=18):
    """Colour ``col`` plus a small random offset per channel (tuple of 3 ints)."""
    return tuple(int(np.clip(c + rng.integers(-amount, amount + 1), 0, 255)) for c in col)


def _shade(col, f):
    return tuple(int(np.clip(c * f, 0, 255)) for c in col)


def _mix(a, b, t):
    return tuple(int(round(x * (1 - t) + y * t)) for x, y in zip(a, b))


def _pick(rng, seq):
    return seq[int(rng.integers(len(seq)))]


def _ell(cx, cy, rx, ry, angle=0.0, n=40):
    """Polygon points of an ellipse (centre, half-axes, rotation in degrees)."""
    a = math.radians(angle)
    ca, sa = math.cos(a), math.sin(a)
    pts = []
    for i in range(n):
        t = 2 * math.pi * i / n
        x, y = rx * math.cos(t), ry * math.sin(t)
        pts.append((cx + x * ca - y * sa, cy + x * sa + y * ca))
    return pts


def _box(cx, cy, rx, ry):
    return [cx - rx, cy - ry, cx + rx, cy + ry]


# --------------------------------------------------------------------------
# backgrounds (shared by both classes, so the background says nothing)
# --------------------------------------------------------------------------
BG_COLOURS = [
    (200, 190, 170), (170, 160, 140), (120, 110, 100), (90, 100, 120), (210, 200, 190),
    (150, 170, 150), (100, 120, 90), (180, 140, 110), (60, 60, 70), (230, 225, 215),
    (140, 120, 100), (170, 180, 200), (200, 170, 140), (110, 90, 80), (90, 80, 70),
    (215, 165, 175), (190, 140, 150),  # rose walls: pink is in the backgrounds too
]


def _low_freq(rng, cells, amp):
    """(S, S) float array of smooth random variation in [-amp, amp]."""
    g = rng.uniform(-amp, amp, size=(cells, cells)).astype(np.float32)
    im = Image.fromarray(((g / (2 * amp) + 0.5) * 255).astype(np.uint8)).resize((S, S), Image.BICUBIC)
    return (np.asarray(im, dtype=np.float32) / 255 - 0.5) * 2 * amp


BG_MAX_OBJECTS = 1  # random objects per background: 0..BG_MAX_OBJECTS
BG_P_BLUR = 0.5  # probability that the background is out of focus
BG_BLUR = (0.5, 3.0)  # its blur radius range (canvas pixels)


def _background(rng):
    """Random cluttered background, RGB Image (S, S)."""
    kind = int(rng.integers(6))
    base = np.array(_jit(_pick(rng, BG_COLOURS), rng, 30), dtype=np.float32)
    other = np.array(_jit(_pick(rng, BG_COLOURS), rng, 30), dtype=np.float32)
    yy = np.linspace(0, 1, S, dtype=np.float32)[:, None, None]
    if kind == 0:  # wall / floor split
        h = _u(rng, 0.45, 0.8)
        arr = np.where(yy < h, base, other) * np.ones((1, S, 1), np.float32)
        arr = arr * (0.85 + 0.3 * yy)
    elif kind == 1:  # vertical gradient
        arr = base * (1 - yy) + other * yy + np.zeros((1, S, 1), np.float32)
    elif kind == 2:  # outdoor: sky and grass/ground
        sky = np.array(_jit((150, 185, 215), rng, 30), np.float32)
        ground = np.array(_jit(_pick(rng, [(90, 130, 60), (120, 110, 80), (150, 150, 120)]), rng, 25), np.float32)
        h = _u(rng, 0.35, 0.7)
        arr = np.where(yy < h, sky * (0.8 + 0.3 * yy), ground) * np.ones((1, S, 1), np.float32)
    else:  # plain wall, blobs or stripes added below
        arr = base * np.ones((S, S, 1), np.float32)
    arr = arr + _low_freq(rng, int(rng.integers(3, 9)), _u(rng, 5, 35))[:, :, None]
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    d = ImageDraw.Draw(img)
    if kind == 3 or rng.random() < 0.25:  # wallpaper stripes
        w = int(rng.integers(8, 40))
        col = _jit(tuple(int(c) for c in other), rng, 20)
        angle = _pick(rng, [0, 0, 90, 45, -45])
        layer = Image.new("L", (S * 2, S * 2), 0)
        dl = ImageDraw.Draw(layer)
        for x in range(0, 2 * S, 2 * w):
            dl.rectangle([x, 0, x + w - 1, 2 * S], fill=int(rng.integers(60, 140)))
        layer = layer.rotate(angle, resample=Image.BILINEAR).crop((S // 2, S // 2, S // 2 + S, S // 2 + S))
        img.paste(col, mask=layer)
    if kind == 4 or rng.random() < 0.4:  # blurred blobs (bokeh, out-of-focus things)
        blobs = Image.new("RGB", (S, S), (0, 0, 0))
        mask = Image.new("L", (S, S), 0)
        db, dm = ImageDraw.Draw(blobs), ImageDraw.Draw(mask)
        for _ in range(int(rng.integers(3, 12))):
            x, y, r = _u(rng, 0, S), _u(rng, 0, S), _u(rng, 8, 60)
            db.ellipse(_box(x, y, r, r * _u(rng, 0.6, 1.4)), fill=_jit(_pick(rng, BG_COLOURS + list(FUR.values())), rng, 30))
            dm.ellipse(_box(x, y, r, r * _u(rng, 0.6, 1.4)), fill=int(rng.integers(90, 230)))
        blur = ImageFilter.GaussianBlur(_u(rng, 4, 14))
        img.paste(blobs.filter(blur), mask=mask.filter(blur))
    # random objects (furniture, boxes, balls, cushions) - sharp or soft
    for _ in range(int(rng.integers(0, BG_MAX_OBJECTS + 1))):
        col = _jit(_pick(rng, BG_COLOURS + list(FUR.values())), rng, 25)
        x, y = _u(rng, -20, S), _u(rng, S * 0.2, S)
        w, h = _u(rng, 15, 110), _u(rng, 15, 110)
        if rng.random() < 0.5:
            d.rectangle([x, y, x + w, y + h], fill=col)
            d.rectangle([x, y, x + w, y + h * 0.12], fill=_shade(col, 1.15))
        else:
            d.ellipse([x, y, x + w, y + h], fill=col)
    if rng.random() < BG_P_BLUR:
        img = img.filter(ImageFilter.GaussianBlur(_u(rng, *BG_BLUR)))
    return img


# --------------------------------------------------------------------------
# animals: one generic head/body drawer, cats are one combination of parts
# --------------------------------------------------------------------------
def _fur_pattern(rng, allow_siamese=True):
    names = ["solid", "tabby", "calico", "tuxedo", "bicolour"] + (["siamese"] if allow_siamese else [])
    return _pick(rng, names)


def _base_colours(rng, pattern):
    if pattern == "tabby":
        base = _pick(rng, ["orange", "grey", "tan", "brown", "cream"])
    elif pattern == "calico":
        base = "white"
    elif pattern == "tuxedo":
        base = _pick(rng, ["black", "dark_grey"])
    elif pattern == "siamese":
        base = "cream"
    else:
        base = _pick(rng, list(FUR))
    base_rgb = _jit(FUR[base], rng, 16)
    return base, base_rgb


class _Animal:
    """Draws an animal on a transparent RGBA layer (S, S).

    ``sil`` is the silhouette mask used to clip fur patterns.
    """

    def __init__(self, rng, base_rgb):
        self.rng = rng
        self.layer = Image.new("RGBA", (S, S), (0, 0, 0, 0))
        self.sil = Image.new("L", (S, S), 0)
        self.d = ImageDraw.Draw(self.layer)
        self.ds = ImageDraw.Draw(self.sil)
        self.base = base_rgb

    def shape(self, pts=None, box=None, fill=None, sil=True):
        fill = self.base if fill is None else fill
        if box is not None:
            self.d.ellipse(box, fill=fill)
            if sil:
                self.ds.ellipse(box, fill=255)
        else:
            self.d.polygon(pts, fill=fill)
            if sil:
                self.ds.polygon(pts, fill=255)

    def pattern(self, kind, cx, cy, r, dark_rgb):
        """Apply a fur pattern inside the silhouette."""
        rng = self.rng
        if kind == "tabby":
            m = Image.new("L", (S, S), 0)
            dm = ImageDraw.Draw(m)
            sp = r * _u(rng, 0.22, 0.34)
            ang = _u(rng, -0.3, 0.3)
            x = -S * 0.5
            while x < S * 1.5:
                pts = []
                for k in range(12):
                    y = -S * 0.2 + k * S * 0.13
                    pts.append((x + y * ang + _u(rng, -sp * 0.25, sp * 0.25), y))
                dm.line(pts, fill=200, width=max(2, int(sp * _u(rng, 0.3, 0.5))))
                x += sp
            for k in (-1, 0, 1):  # forehead "M" marks
                dm.line([(cx + k * r * 0.22, cy - r * 0.85), (cx + k * r * 0.18, cy - r * 0.45)], fill=230, width=max(2, int(r * 0.08)))
            m = m.filter(ImageFilter.GaussianBlur(1.5))
            self.layer.paste(dark_rgb, mask=ImageChops.multiply(m, self.sil))
        elif kind in ("calico", "bicolour"):
            cols = [_jit(FUR["orange"], rng), _jit(FUR["black"], rng)] if kind == "calico" else [dark_rgb]
            for col in cols:
                m = Image.new("L", (S, S), 0)
                dm = ImageDraw.Draw(m)
                for _ in range(int(rng.integers(2, 6))):
                    px, py, pr = cx + _u(rng, -2, 2) * r, cy + _u(rng, -1.2, 3) * r, r * _u(rng, 0.3, 0.9)
                    dm.ellipse(_box(px, py, pr, pr * _u(rng, 0.6, 1.3)), fill=255)
                m = m.filter(ImageFilter.GaussianBlur(2))
                self.layer.paste(col, mask=ImageChops.multiply(m, self.sil))
        elif kind == "siamese":
            m = Image.new("L", (S, S), 0)
            ImageDraw.Draw(m).ellipse(_box(cx, cy + r * 0.3, r * 0.5, r * 0.55), fill=220)
            m = m.filter(ImageFilter.GaussianBlur(r * 0.2))
            self.layer.paste(dark_rgb, mask=ImageChops.multiply(m, self.sil))

    def eyes(self, cx, cy, r, kind, iris, tilt=0.0):
        d = self.d
        for side in (-1, 1):
            ex, ey = cx + side * r * 0.38, cy - r * 0.08
            if kind == "almond":
                w, h = r * 0.22, r * 0.15
                pts = []
                for i in range(21):
                    u = i / 20
                    pts.append((ex - w + 2 * w * u, ey - h * math.sin(math.pi * u) - side * tilt * (u - 0.5) * h))
                for i in range(21):
                    u = 1 - i / 20
                    pts.append((ex - w + 2 * w * u, ey + h * math.sin(math.pi * u) * 0.9 - side * tilt * (u - 0.5) * h))
                d.polygon(pts, fill=iris, outline=(20, 20, 20), width=max(1, int(r * 0.03)))
                pw = r * _u(self.rng, 0.03, 0.07)
                d.ellipse(_box(ex, ey, pw, h * 0.9), fill=(10, 10, 10))
                d.ellipse(_box(ex + w * 0.3, ey - h * 0.35, r * 0.03, r * 0.03), fill=(250, 250, 250))
            elif kind == "round":  # iris (brown for most animals), black pupil
                rr = r * 0.13
                d.ellipse(_box(ex, ey, rr, rr), fill=iris, outline=(20, 15, 10), width=max(1, int(r * 0.03)))
                d.ellipse(_box(ex, ey, rr * 0.55, rr * 0.55), fill=(15, 10, 8))
                d.ellipse(_box(ex + rr * 0.3, ey - rr * 0.3, rr * 0.3, rr * 0.3), fill=(250, 250, 250))
            elif kind == "big_round":  # owls
                rr = r * 0.24
                d.ellipse(_box(ex, ey, rr * 1.25, rr * 1.25), fill=_shade(self.base, 1.3))
                d.ellipse(_box(ex, ey, rr, rr), fill=iris)
                d.ellipse(_box(ex, ey, rr * 0.5, rr * 0.5), fill=(10, 10, 10))

    def whiskers(self, cx, cy, r, col):
        for side in (-1, 1):
            for k in range(3):
                y0 = cy + r * (0.38 + 0.07 * k)
                self.d.line([(cx + side * r * 0.2, y0), (cx + side * r * _u(self.rng, 1.1, 1.45), y0 + r * (k - 1) * 0.22)],
                            fill=col, width=max(1, int(r * 0.025)))


# chance that an animal of each species has whiskers (mice always do, bears and owls never)
P_WHISKERS = {"cat": 0.7, "dog": 0.5, "rabbit": 0.6, "fox": 0.6}


def _ear_pts(kind, cx, cy, r, side):
    """Outer ear polygon and inner ear polygon (or None) for one side."""
    if kind == "cat":
        base_out = (cx + side * r * 0.95, cy - r * 0.25)
        base_in = (cx + side * r * 0.2, cy - r * 0.85)
        tip = (cx + side * r * 0.78, cy - r * 1.42)
    elif kind == "fox":
        base_out = (cx + side * r * 1.05, cy - r * 0.2)
        base_in = (cx + side * r * 0.25, cy - r * 0.8)
        tip = (cx + side * r * 0.95, cy - r * 1.75)
    elif kind == "dog_erect":  # broad, tall ears with a blunt tip
        base_out = (cx + side * r * 1.0, cy - r * 0.3)
        base_in = (cx + side * r * 0.3, cy - r * 0.85)
        tip = (cx + side * r * 0.85, cy - r * 1.55)
        outer = [base_out, (tip[0] + side * r * 0.08, tip[1] + r * 0.05), (tip[0] - side * r * 0.12, tip[1]), base_in]
        return outer, None
    elif kind == "tuft":  # owls
        base_out = (cx + side * r * 0.9, cy - r * 0.5)
        base_in = (cx + side * r * 0.45, cy - r * 0.8)
        tip = (cx + side * r * 1.05, cy - r * 1.25)
        return [base_out, tip, base_in], None
    else:
        raise ValueError(kind)
    outer = [base_out, tip, base_in]
    f = 0.62
    mx = (base_out[0] + base_in[0] + tip[0]) / 3
    my = (base_out[1] + base_in[1] + tip[1]) / 3
    inner = [(mx + (p[0] - mx) * f, my + (p[1] - my) * f + r * 0.05) for p in outer]
    return outer, inner


# Chance of pink inner ears per species (and of a pink nose for cats): pink is
# common on cats but not theirs alone, so "some pink near the top" is no tell.
P_PINK = {"cat": 0.75, "fox": 0.75, "rabbit": 0.9, "mouse": 0.9, "bear": 0.0, "nose": 0.75}


def _inner_ear_colour(rng, species, base_rgb):
    """Colour of both inner ears: pink, or a shade of the fur (an RGB tuple)."""
    if rng.random() < P_PINK[species]:
        return _jit(PINK, rng, 15)
    if sum(base_rgb) > 330:  # light fur: a darker shade
        return _shade(base_rgb, _pick(rng, [0.7, 0.85]))
    return _mix(base_rgb, (150, 130, 120), 0.35)  # dark fur: a lighter one


def _draw_animal(rng, species, pose, fur=None):
    """Draw one animal; returns RGBA layer (S, S) and its rough centre.

    fur: None (very dark or very light at random) or "dark" or "light".

    pose: "portrait" (face close-up framed like a pet portrait: centred,
    similar size), "face" (close-up, free framing), "sitting" or "lying".
    """
    pattern = _fur_pattern(rng, allow_siamese=species in ("cat", "dog", "rabbit", "mouse"))
    if species == "fox":
        pattern = _pick(rng, ["solid", "bicolour"])
        base_rgb = _jit(_pick(rng, [FUR["orange"], FUR["brown"], FUR["grey"], FUR["tan"]]), rng, 16)
    elif species == "owl":
        pattern = "tabby"
        base_rgb = _jit(_pick(rng, [FUR["brown"], FUR["tan"], FUR["grey"], FUR["cream"]]), rng, 16)
    elif species == "bear":
        pattern = "solid"
        base_rgb = _jit(_pick(rng, [FUR["brown"], FUR["black"], FUR["tan"], FUR["orange"]]), rng, 16)
    else:
        _, base_rgb = _base_colours(rng, pattern)
    if POLARITY:  # fur very dark or very light, whatever the species
        pattern = _pick(rng, ["solid", "solid", "tabby"]) if species != "owl" else "tabby"
        light_fur = rng.random() < P_LIGHT_FUR
        if fur is not None:  # asked for (the draw above is kept, so the stream does not change)
            light_fur = fur == "light"
        base_rgb = _jit(_pick(rng, LIGHT_FUR if light_fur else DARK_FUR), rng, 8)
    dark_rgb = _jit((60, 45, 35), rng, 15) if pattern == "siamese" else _shade(base_rgb, _u(rng, 0.45, 0.65))
    if POLARITY:
        dark_rgb = _shade(base_rgb, 0.8) if sum(base_rgb) > 330 else _mix(base_rgb, (120, 110, 100), 0.3)
    if pattern == "bicolour":
        dark_rgb = _jit(_pick(rng, [FUR["white"], FUR["black"], FUR["orange"], FUR["grey"]]), rng)
    a = _Animal(rng, base_rgb)
    light = base_rgb[0] + base_rgb[1] + base_rgb[2] > 330

    if pose == "portrait":
        r = S * _u(rng, *FRAMING["r"])
        cx, cy = S * (0.5 + _u(rng, -1, 1) * FRAMING["xy"]), S * (0.56 + _u(rng, -1, 1) * FRAMING["xy"])
        pose = "face"
    elif pose in MODES:  # fixed framings with a little jitter
        m = MODES[pose]
        r = S * m["r"] * _u(rng, 0.95, 1.05)
        cx, cy = S * (m["x"] + _u(rng, -1, 1) * MODE_JITTER), S * (m["y"] + _u(rng, -1, 1) * MODE_JITTER)
        pose = m["pose"]
    elif pose == "face":
        r = S * _u(rng, 0.22, 0.33)
        cx, cy = S * _u(rng, 0.38, 0.62), S * _u(rng, 0.45, 0.62)
    elif pose == "sitting":
        r = S * _u(rng, 0.11, 0.16)
        cx, cy = S * _u(rng, 0.3, 0.7), S * _u(rng, 0.22, 0.4)
    else:  # lying
        r = S * _u(rng, 0.1, 0.15)
        cx, cy = S * _u(rng, 0.25, 0.75), S * _u(rng, 0.4, 0.6)
    face_only = species == "owl"

    # ---- body (behind the head)
    if pose == "face":
        a.shape(box=_box(cx, cy + r * 1.6, r * 1.3, r * 1.0))
    elif pose == "sitting" and not face_only:
        a.shape(box=_box(cx + r * 0.1, cy + r * 2.0, r * 1.1, r * 1.5))
        for side in (-1, 1):  # front legs
            a.shape(box=[cx + side * r * 0.35 - r * 0.18, cy + r * 1.6, cx + side * r * 0.35 + r * 0.18, cy + r * 3.4])
            a.shape(box=_box(cx + side * r * 0.35, cy + r * 3.35, r * 0.24, r * 0.13))
        tail = rng.choice([-1, 1])
        if species in ("rabbit", "bear"):
            a.shape(box=_box(cx + tail * r * 1.1, cy + r * 3.0, r * 0.3, r * 0.3))
        else:
            pts = [(cx + tail * r * (0.8 + 0.5 * math.sin(t)), cy + r * (3.2 - 1.6 * t)) for t in np.linspace(0, 1.6, 8)]
            a.d.line(pts, fill=base_rgb if pattern != "siamese" else dark_rgb, width=int(r * (0.28 if species != "fox" else 0.5)), joint="curve")
            a.ds.line(pts, fill=255, width=int(r * 0.28))
    elif pose == "lying" and not face_only:
        dirn = 1 if MODES_ON else rng.choice([-1, 1])
        a.shape(box=_box(cx + dirn * r * 1.7, cy + r * 0.8, r * 2.0, r * 0.85))
        for k in (0.0, 0.45):  # front paws
            a.shape(box=_box(cx - dirn * r * 0.3 + dirn * k * r, cy + r * 1.45, r * 0.32, r * 0.17))
        pts = [(cx + dirn * r * (3.5 + 0.6 * t), cy + r * (1.3 - 0.3 * math.sin(3 * t))) for t in np.linspace(0, 1.2, 8)]
        a.d.line(pts, fill=base_rgb if pattern != "siamese" else dark_rgb, width=int(r * 0.28), joint="curve")
        a.ds.line(pts, fill=255, width=int(r * 0.28))
    elif face_only:  # owl body
        a.shape(box=_box(cx, cy + r * 1.3, r * 1.1, r * 1.5))

    # ---- ears (behind the head)
    inner_ears = []
    if species in ("cat", "fox", "owl") or (species == "dog" and rng.random() < 0.4):
        kind = {"cat": "cat", "fox": "fox", "owl": "tuft", "dog": "dog_erect"}[species]
        for side in (-1, 1):
            outer, inner = _ear_pts(kind, cx, cy, r, side)
            a.shape(pts=outer, fill=dark_rgb if pattern == "siamese" else base_rgb)
            if species == "fox":  # black tips
                a.d.polygon([outer[1], _mix(outer[1], outer[0], 0.3), _mix(outer[1], outer[2], 0.3)], fill=(30, 25, 25))
            if inner:
                inner_ears.append(inner)
    elif species == "dog":  # floppy ears, drawn after the head
        pass
    elif species == "rabbit":
        for side in (-1, 1):
            ang = side * _u(rng, 3, 25)
            ex, ey = cx + side * r * 0.4, cy - r * 1.45
            a.shape(pts=_ell(ex, ey, r * 0.28, r * 1.0, ang))
            inner_ears.append(_ell(ex, ey + r * 0.05, r * 0.15, r * 0.8, ang))
    elif species in ("bear", "mouse"):
        er = r * (0.32 if species == "bear" else 0.55)
        for side in (-1, 1):
            ex, ey = cx + side * r * (0.75 if species == "bear" else 0.85), cy - r * (0.75 if species == "bear" else 0.7)
            a.shape(box=_box(ex, ey, er, er))
            inner_ears.append(_ell(ex, ey, er * 0.6, er * 0.6))

    # ---- head
    if species in ("fox", "mouse"):
        a.shape(pts=[(cx - r * 1.0, cy - r * 0.3), (cx + r * 1.0, cy - r * 0.3), (cx + r * 0.5, cy + r * 0.5), (cx, cy + r * 0.95), (cx - r * 0.5, cy + r * 0.5)])
        a.shape(box=_box(cx, cy - r * 0.25, r * 0.95, r * 0.65))
    else:
        a.shape(box=_box(cx, cy, r * 1.02, r * 0.9))
    a.pattern(pattern, cx, cy, r, dark_rgb)
    if pattern == "tuxedo" or species == "fox" or (pattern == "bicolour" and rng.random() < 0.5):
        white = _jit(FUR["white"], rng, 10)
        a.d.ellipse(_box(cx, cy + r * 0.45, r * 0.45, r * 0.38), fill=white)
        if pose != "lying":
            a.d.ellipse(_box(cx, cy + r * 1.25, r * 0.4, r * 0.35), fill=white)
    if inner_ears:
        colour = _inner_ear_colour(rng, species, base_rgb)
        for inner in inner_ears:
            a.d.polygon(inner, fill=colour)

    iris = _jit(_pick(rng, IRIS), rng, 15)
    brown = _jit((105, 70, 40), rng, 15)  # the round eyes of dogs, rabbits, bears and mice
    if pattern == "siamese":
        iris = _jit((80, 150, 220), rng, 15)
    if species == "cat":
        a.eyes(cx, cy, r, "almond", iris, tilt=_u(rng, 0.0, 0.6))
        nx, ny, nw = cx, cy + r * 0.25, r * 0.11
        nose = _jit(PINK, rng, 15) if rng.random() < P_PINK["nose"] else _jit((70, 45, 45), rng, 15)
        a.d.polygon([(nx - nw, ny - nw * 0.6), (nx + nw, ny - nw * 0.6), (nx, ny + nw * 0.7)], fill=nose)
        mc = (40, 30, 30)
        w = max(1, int(r * 0.03))
        a.d.line([(nx, ny + nw * 0.7), (nx, ny + r * 0.18)], fill=mc, width=w)
        a.d.arc(_box(nx - r * 0.1, ny + r * 0.18, r * 0.1, r * 0.07), 0, 180, fill=mc, width=w)
        a.d.arc(_box(nx + r * 0.1, ny + r * 0.18, r * 0.1, r * 0.07), 0, 180, fill=mc, width=w)
        if rng.random() < P_WHISKERS["cat"]:
            a.whiskers(cx, cy, r, (235, 235, 235) if not light else (50, 50, 50))
    elif species == "dog":
        a.shape(box=_box(cx, cy + r * 0.5, r * 0.52, r * 0.42), fill=_shade(base_rgb, 1.2) if not light else _shade(base_rgb, 0.92))
        a.eyes(cx, cy - r * 0.05, r, "round", brown)
        a.d.ellipse(_box(cx, cy + r * 0.32, r * 0.2, r * 0.14), fill=(25, 20, 20))
        if rng.random() < 0.6:
            a.d.ellipse(_box(cx, cy + r * 0.85, r * 0.16, r * 0.22), fill=_jit((220, 90, 110), rng))
        a.d.line([(cx, cy + r * 0.45), (cx, cy + r * 0.62)], fill=(30, 25, 25), width=max(1, int(r * 0.04)))
        if rng.random() < P_WHISKERS["dog"]:
            a.whiskers(cx, cy + r * 0.1, r * 0.8, (230, 230, 230) if not light else (60, 60, 60))
        if not inner_ears and species == "dog":
            for side in (-1, 1):  # floppy ears, hanging over the sides of the head
                ang = side * _u(rng, 5, 30)
                a.shape(pts=_ell(cx + side * r * 0.95, cy + r * 0.15, r * 0.3, r * 0.72, ang), fill=dark_rgb)
    elif species == "rabbit":
        a.eyes(cx, cy, r, "round", brown)
        a.d.ellipse(_box(cx, cy + r * 0.3, r * 0.09, r * 0.06), fill=_jit(PINK, rng))
        a.d.line([(cx, cy + r * 0.35), (cx, cy + r * 0.5)], fill=(60, 40, 40), width=max(1, int(r * 0.03)))
        if rng.random() < P_WHISKERS["rabbit"]:
            a.whiskers(cx, cy, r, (230, 230, 230) if not light else (60, 60, 60))
    elif species == "bear":
        a.d.ellipse(_box(cx, cy + r * 0.4, r * 0.42, r * 0.35), fill=_shade(base_rgb, 1.35) if not light else _shade(base_rgb, 0.85))
        a.eyes(cx, cy - r * 0.05, r * 0.9, "round", brown)
        a.d.ellipse(_box(cx, cy + r * 0.28, r * 0.16, r * 0.11), fill=(25, 20, 20))
    elif species == "mouse":
        a.eyes(cx, cy - r * 0.1, r * 0.8, "round", brown)
        a.d.ellipse(_box(cx, cy + r * 0.85, r * 0.08, r * 0.07), fill=_jit(PINK, rng))
        a.whiskers(cx, cy + r * 0.3, r, (60, 60, 60) if light else (220, 220, 220))
    elif species == "fox":
        a.eyes(cx, cy - r * 0.1, r, "almond" if rng.random() < 0.5 else "round", _jit((200, 140, 40), rng))
        a.d.ellipse(_box(cx, cy + r * 0.85, r * 0.12, r * 0.09), fill=(25, 20, 20))
        if rng.random() < P_WHISKERS["fox"]:
            a.whiskers(cx, cy + r * 0.35, r * 0.9, (230, 230, 230) if not light else (60, 60, 60))
    elif species == "owl":
        a.eyes(cx, cy, r, "big_round", _jit((230, 170, 30), rng))
        a.d.polygon([(cx - r * 0.1, cy + r * 0.15), (cx + r * 0.1, cy + r * 0.15), (cx, cy + r * 0.45)], fill=_jit((70, 60, 50), rng))
    a.layer.info["base_rgb"] = base_rgb
    return a.layer, (cx, cy)


# --------------------------------------------------------------------------
# objects and scenes (non-cats)
# --------------------------------------------------------------------------
OBJECT_COLOURS = [(200, 40, 40), (40, 80, 180), (230, 200, 40), PINK, (220, 120, 150)]
P_OBJECT_FUR = 0.5  # share of objects drawn in the animals' fur colours


def _object_layer(rng, kind, frame=None):
    """RGBA layer (S, S) with one object; colours drawn from the fur palette too.

    frame: None (free size and place) or (x, y, size) as fractions of the frame,
    for an object drawn in one of the cats' framings.
    """
    layer = Image.new("RGBA", (S, S), (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    if rng.random() < P_OBJECT_FUR:  # the animals' very dark or very light colours
        col = _jit(_pick(rng, LIGHT_FUR if rng.random() < P_LIGHT_FUR else DARK_FUR), rng, 8)
    else:
        col = _jit(_pick(rng, list(FUR.values()) + BG_COLOURS + OBJECT_COLOURS), rng, 20)
    layer.info["base_rgb"] = col
    if frame is None:
        cx, cy, R = S * _u(rng, 0.35, 0.65), S * _u(rng, 0.4, 0.65), S * 0.3 * _u(rng, 0.6, 1.25)
    else:
        cx = S * (frame[0] + _u(rng, -1, 1) * MODE_JITTER)
        cy = S * (frame[1] + _u(rng, -1, 1) * MODE_JITTER)
        R = S * frame[2] * _u(rng, 0.9, 1.1)
    if kind == "car":
        d.rounded_rectangle([cx - R * 1.3, cy - R * 0.2, cx + R * 1.3, cy + R * 0.4], radius=R * 0.15, fill=col)
        d.polygon([(cx - R * 0.7, cy - R * 0.2), (cx - R * 0.4, cy - R * 0.65), (cx + R * 0.5, cy - R * 0.65), (cx + R * 0.8, cy - R * 0.2)], fill=col)
        d.polygon([(cx - R * 0.6, cy - R * 0.22), (cx - R * 0.35, cy - R * 0.55), (cx + R * 0.45, cy - R * 0.55), (cx + R * 0.7, cy - R * 0.22)], fill=(150, 180, 200))
        for wx in (-0.8, 0.8):
            d.ellipse(_box(cx + wx * R, cy + R * 0.4, R * 0.28, R * 0.28), fill=(25, 25, 25))
            d.ellipse(_box(cx + wx * R, cy + R * 0.4, R * 0.12, R * 0.12), fill=(170, 170, 170))
    elif kind == "house":
        d.rectangle([cx - R, cy - R * 0.4, cx + R, cy + R * 0.9], fill=col)
        d.polygon([(cx - R * 1.2, cy - R * 0.4), (cx, cy - R * 1.2), (cx + R * 1.2, cy - R * 0.4)], fill=_jit((140, 60, 50), rng))
        d.rectangle([cx - R * 0.2, cy + R * 0.3, cx + R * 0.2, cy + R * 0.9], fill=_jit((90, 60, 40), rng))
        for wx in (-0.6, 0.6):
            d.rectangle([cx + wx * R - R * 0.18, cy - R * 0.1, cx + wx * R + R * 0.18, cy + R * 0.2], fill=(170, 200, 220))
    elif kind == "tree":
        d.rectangle([cx - R * 0.12, cy, cx + R * 0.12, cy + R * 1.3], fill=_jit((100, 70, 45), rng))
        g = _jit(_pick(rng, [(60, 120, 50), (90, 140, 60), (180, 120, 40)]), rng, 20)
        for _ in range(6):
            d.ellipse(_box(cx + _u(rng, -0.5, 0.5) * R, cy - _u(rng, 0.1, 0.9) * R, R * 0.5, R * 0.45), fill=_jit(g, rng, 15))
    elif kind == "flower":
        d.line([(cx, cy), (cx + _u(rng, -10, 10), cy + R * 1.5)], fill=(60, 120, 50), width=int(R * 0.08) + 1)
        n = int(rng.integers(5, 9))
        for i in range(n):
            t = 2 * math.pi * i / n
            d.polygon(_ell(cx + math.cos(t) * R * 0.4, cy + math.sin(t) * R * 0.4, R * 0.35, R * 0.16, math.degrees(t)), fill=col)
        d.ellipse(_box(cx, cy, R * 0.18, R * 0.18), fill=_jit((220, 180, 40), rng))
    elif kind == "cup":
        d.polygon([(cx - R * 0.6, cy - R * 0.6), (cx + R * 0.6, cy - R * 0.6), (cx + R * 0.45, cy + R * 0.6), (cx - R * 0.45, cy + R * 0.6)], fill=col)
        d.ellipse(_box(cx + R * 0.65, cy, R * 0.3, R * 0.3), outline=col, width=int(R * 0.1) + 1)
        d.ellipse(_box(cx, cy - R * 0.6, R * 0.6, R * 0.1), fill=_shade(col, 0.6))
    elif kind == "ball":
        d.ellipse(_box(cx, cy, R * 0.7, R * 0.7), fill=col)
        d.arc(_box(cx, cy, R * 0.7, R * 0.3), 0, 360, fill=_shade(col, 0.5), width=int(R * 0.07) + 1)
        d.ellipse(_box(cx - R * 0.25, cy - R * 0.3, R * 0.12, R * 0.1), fill=_shade(col, 1.4))
    elif kind == "bird":
        d.ellipse(_box(cx, cy, R * 0.6, R * 0.38), fill=col)
        d.ellipse(_box(cx + R * 0.5, cy - R * 0.35, R * 0.28, R * 0.26), fill=col)
        d.polygon([(cx + R * 0.75, cy - R * 0.4), (cx + R * 1.05, cy - R * 0.32), (cx + R * 0.75, cy - R * 0.25)], fill=(230, 170, 40))
        d.ellipse(_box(cx + R * 0.58, cy - R * 0.42, R * 0.05, R * 0.05), fill=(10, 10, 10))
        d.polygon([(cx - R * 0.5, cy), (cx - R * 1.0, cy - R * 0.2), (cx - R * 1.0, cy + R * 0.2)], fill=_shade(col, 0.7))
        d.polygon(_ell(cx - R * 0.05, cy - R * 0.05, R * 0.4, R * 0.18, -15), fill=_shade(col, 0.75))
        d.line([(cx - R * 1.3, cy + R * 0.42), (cx + R * 1.3, cy + R * 0.5)], fill=(90, 65, 40), width=int(R * 0.08) + 1)
    elif kind == "fish":
        d.polygon(_ell(cx, cy, R * 0.8, R * 0.4), fill=col)
        d.polygon([(cx - R * 0.7, cy), (cx - R * 1.2, cy - R * 0.4), (cx - R * 1.2, cy + R * 0.4)], fill=_shade(col, 0.8))
        d.ellipse(_box(cx + R * 0.45, cy - R * 0.1, R * 0.08, R * 0.08), fill=(10, 10, 10))
    elif kind == "landscape":
        for _ in range(int(rng.integers(2, 4))):
            px = _u(rng, -0.2, 1.2) * S
            d.polygon([(px - R * 2, S), (px, S * _u(rng, 0.25, 0.6)), (px + R * 2, S)], fill=_jit(_pick(rng, BG_COLOURS), rng, 25))
        d.ellipse(_box(_u(rng, 0.1, 0.9) * S, S * 0.15, R * 0.25, R * 0.25), fill=(245, 230, 150))
    elif kind == "furniture":
        d.rectangle([cx - R, cy - R * 0.2, cx + R, cy + R * 0.5], fill=col)
        d.rectangle([cx - R * 1.1, cy - R * 0.6, cx + R * 1.1, cy - R * 0.1], fill=_shade(col, 0.85))
        for sx in (-1, 1):
            d.rectangle([cx + sx * R * 1.1 - R * 0.2, cy - R * 0.4, cx + sx * R * 1.1 + R * 0.2, cy + R * 0.5], fill=_shade(col, 0.9))
    if rng.random() < P_OBJECT_TEXTURE:
        _texture(layer, rng, col, R)
    return layer


def _texture(layer, rng, col, R):
    """Stripes or spots in a shade of ``col`` on whatever ``layer`` (RGBA, (S, S)) holds."""
    m = Image.new("L", (S, S), 0)
    dm = ImageDraw.Draw(m)
    step = R * _u(rng, 0.18, 0.35)
    if rng.random() < 0.5:  # stripes
        ang = _u(rng, -0.6, 0.6)
        x = -S * 0.5
        while x < S * 1.5:
            dm.line([(x, 0), (x + S * ang, S)], fill=220, width=max(2, int(step * _u(rng, 0.3, 0.5))))
            x += step
    else:  # spots
        for _ in range(int(rng.integers(8, 30))):
            px, py, pr = _u(rng, 0, S), _u(rng, 0, S), step * _u(rng, 0.2, 0.45)
            dm.ellipse(_box(px, py, pr, pr), fill=220)
    shade = _shade(col, 0.6) if sum(col) > 330 else _mix(col, (200, 190, 180), 0.35)
    layer.paste(shade, mask=ImageChops.multiply(m, layer.getchannel("A")))


# --------------------------------------------------------------------------
# photographic finishing and the two public renderers
# --------------------------------------------------------------------------
def _place(layer, rng, centre, rot=15.0, shift=0.15):
    """Rotate the subject layer slightly and shift it (partial framing)."""
    ang = _u(rng, -rot, rot)
    layer = layer.rotate(ang, resample=Image.BICUBIC, center=centre)
    dx, dy = int(rng.normal(0, shift * S)), int(rng.normal(0, shift * S))
    out = Image.new("RGBA", (S, S), (0, 0, 0, 0))
    out.paste(layer, (dx, dy))
    return out


P_FLIP = 0.0  # mirror the picture left-right (0: keep the fixed framings)
NOISE = (2, 9)  # sensor noise standard deviation range (grey levels)


def _finish(img, rng):
    """Lighting, colour cast, blur, noise; returns (64, 64, 3) uint8."""
    if rng.random() < P_FLIP:
        img = img.transpose(Image.FLIP_LEFT_RIGHT)
    if rng.random() < 0.4:
        img = img.filter(ImageFilter.GaussianBlur(_u(rng, 0.5, 2.5)))
    small = img.resize((OUT, OUT), Image.LANCZOS)
    x = np.asarray(small, dtype=np.float32)
    # directional lighting
    t = _u(rng, 0, 2 * math.pi)
    g = np.linspace(-1, 1, OUT, dtype=np.float32)
    grad = math.cos(t) * g[None, :] + math.sin(t) * g[:, None]
    x = x * (1 + _u(rng, 0.0, 0.3) * grad)[:, :, None]
    # brightness / contrast / colour cast
    contrast = _u(rng, 0.75, 1.2)
    x = (x - 128) * contrast + 128 + _u(rng, -30, 30)
    x = x * np.array([_u(rng, 0.88, 1.12) for _ in range(3)], dtype=np.float32)
    # sensor noise
    x = x + rng.normal(0, _u(rng, *NOISE), size=x.shape).astype(np.float32)
    return np.clip(np.rint(x), 0, 255).astype(np.uint8)


# Framing of the "portrait" pictures: head radius (fraction of the frame) and
# jitter of the head centre. FRAMING and P_PORTRAIT_* are only used when
# MODES_ON is False (the fixed framings below replace the portraits).
FRAMING = {"r": (0.25, 0.31), "xy": 0.04, "rot": 8.0, "shift": 0.025}
P_PORTRAIT_CAT = 0.85
P_PORTRAIT_OTHER = 0.5  # other animals
OTHER_POSES = ["face", "sitting", "sitting", "lying"]


# Polarity: fur either very dark or very light (then always on a contrasting
# background), so the sign of "animal minus background" flips between pictures.
POLARITY = True
DARK_FUR = [(34, 32, 34), (50, 46, 46), (62, 44, 34), (44, 44, 52)]
LIGHT_FUR = [(238, 236, 230), (232, 214, 178), (214, 214, 220), (240, 200, 160)]
P_LIGHT_FUR = 0.8  # share of light fur (and of light objects in fur colours), any class
# Modes: a few consistent framings (head centre x, y and radius as fractions of
# the frame), used instead of the free poses when MODES_ON.
MODES_ON = True
MODES = {
    "m_face": {"pose": "face", "r": 0.27, "x": 0.5, "y": 0.56},
    "m_sit": {"pose": "sitting", "r": 0.135, "x": 0.3, "y": 0.28},
    "m_lie": {"pose": "lying", "r": 0.12, "x": 0.22, "y": 0.6},
}
P_MODES = (0.5, 0.25, 0.25)
P_MODES_OTHER = 0.6  # other animals: share in the fixed framings, the rest in free poses
# Objects in the cats' framings (centre x, y and size as fractions of the frame),
# so that where the subject sits and how big it is say nothing about the class.
OBJECT_MODES = {"m_face": (0.5, 0.6, 0.5), "m_sit": (0.3, 0.45, 0.19), "m_lie": (0.42, 0.64, 0.19)}
P_OBJECT_MODES = 0.8
P_OBJECT_TEXTURE = 0.8  # share of objects with stripes or spots (detail like fur and whiskers)
MODE_JITTER = 0.015
MODE_ROT = 5.0
MODE_SHIFT = 0.01


def _pose(rng, p_portrait):
    if MODES_ON:
        return ("m_face", "m_sit", "m_lie")[int(rng.choice(3, p=P_MODES))]
    return "portrait" if rng.random() < p_portrait else _pick(rng, OTHER_POSES)


CONTRAST_DARK = (0.25, 0.45)  # background brightness factor behind light fur
CONTRAST_LIGHT = (0.2, 0.4)  # (255 - background) factor behind dark fur
P_CONTRAST = 1.0  # any subject, cat or not: share of pictures whose background is toned against it


def _contrast_background(bg, rng, fur_rgb):
    """Darken or lighten the background so the subject stands out: light fur
    (or a light object) on a dark background, dark on a light one (either way
    for middle tones). bg: RGB Image (S, S)."""
    lum = 0.3 * fur_rgb[0] + 0.59 * fur_rgb[1] + 0.11 * fur_rgb[2]
    dark_bg = lum > 150 or (lum > 90 and rng.random() < 0.5)
    x = np.asarray(bg, dtype=np.float32)
    if dark_bg:
        x = x * _u(rng, *CONTRAST_DARK)
    else:
        x = 255 - (255 - x) * _u(rng, *CONTRAST_LIGHT)
    return Image.fromarray(np.clip(np.rint(x), 0, 255).astype(np.uint8))


def _compose(bg, rng, subject, subject_rgb):
    """Tone the background against the subject's colour (with probability
    P_CONTRAST, whatever the class), then paste the subject on it.

    bg: RGB Image (S, S); subject: RGBA Image (S, S) or None; subject_rgb: its
    main colour. Returns an RGB Image (S, S).
    """
    if rng.random() < P_CONTRAST:
        bg = _contrast_background(bg, rng, subject_rgb)
    if subject is None:
        return bg
    bg = bg.convert("RGBA")
    bg.alpha_composite(subject)
    return bg.convert("RGB")


def _place_subject(layer, rng, centre, pose):
    if pose == "portrait":
        return _place(layer, rng, centre, rot=FRAMING["rot"], shift=FRAMING["shift"])
    if pose in MODES:
        return _place(layer, rng, centre, rot=MODE_ROT, shift=MODE_SHIFT)
    return _place(layer, rng, centre)
NON_CAT_KINDS = (["dog"] * 6 + ["rabbit"] * 2 + ["bear"] * 2 + ["mouse"] * 2 + ["fox"] * 2 + ["owl"] * 2
                 + ["bird", "fish", "car", "house", "tree", "flower", "cup", "ball", "landscape", "furniture", "scene"])


def _animal_picture(rng, bg, species, pose, fur=None):
    """Draw the animal, tone the background ``bg`` (RGB Image (S, S)) against it,
    paste it and finish the picture: (64, 64, 3) uint8."""
    layer, centre = _draw_animal(rng, species, pose, fur)
    return _finish(_compose(bg, rng, _place_subject(layer, rng, centre, pose), layer.info["base_rgb"]), rng)


def render_close_up(rng, species, fur=None):
    """Draw one close-up (the "m_face" framing) of an animal of ``species``
    ("cat", "fox", "dog", ...), like the pictures of the set; ``fur`` as in
    ``_draw_animal``.

    rng: ``np.random.Generator``. Returns an array of shape (64, 64, 3), dtype uint8.
    """
    return _animal_picture(rng, _background(rng), species, "m_face", fur)


def render_cat(rng):
    """Draw one cat picture.

    rng: ``np.random.Generator``. Returns an array of shape (64, 64, 3), dtype uint8.
    """
    bg = _background(rng)
    return _animal_picture(rng, bg, "cat", _pose(rng, P_PORTRAIT_CAT))


def render_non_cat(rng):
    """Draw one non-cat picture (other animal, object or scene).

    rng: ``np.random.Generator``. Returns an array of shape (64, 64, 3), dtype uint8.
    """
    bg = _background(rng)
    kind = _pick(rng, NON_CAT_KINDS)
    if kind in ("dog", "rabbit", "bear", "mouse", "fox", "owl"):
        pose = _pose(rng, P_PORTRAIT_OTHER)
        if MODES_ON and rng.random() >= P_MODES_OTHER:  # some in free framing
            pose = _pick(rng, OTHER_POSES)
        if kind == "owl" and pose != "portrait":
            pose = "m_face" if MODES_ON else "face"
        return _animal_picture(rng, bg, kind, pose)
    if kind == "scene":  # the background alone, toned like the others
        return _finish(_compose(bg, rng, None, _pick(rng, DARK_FUR + LIGHT_FUR)), rng)
    if rng.random() < P_OBJECT_MODES:  # framed like the cats: a close-up, at the left, along the bottom
        frame = OBJECT_MODES[_pose(rng, P_PORTRAIT_OTHER)]
        layer = _object_layer(rng, kind, frame)
        placed = _place(layer, rng, (S * frame[0], S * frame[1]), rot=MODE_ROT, shift=MODE_SHIFT)
    else:
        layer = _object_layer(rng, kind)
        placed = _place(layer, rng, (S / 2, S / 2))
    return _finish(_compose(bg, rng, placed, layer.info["base_rgb"]), rng)


# The pictures of datasets/try_your_own/: file name -> (species, fur, seed). Typical
# pictures of the set: a close-up (the framing of half the cats) of an animal with
# light fur (the fur of four animals in five).
TRY_YOUR_OWN = {"drawn_cat.png": ("cat", "light", 1), "drawn_fox.png": ("fox", "light", 2)}
TRY_YOUR_OWN_SIZE = 256  # enlarged, so they go through the same shrinking as a photo


def try_your_own_pictures():
    """The "try your own" pictures: dict file name -> (256, 256, 3) uint8 array."""
    pictures = {}
    for name, (species, fur, seed) in TRY_YOUR_OWN.items():
        small = Image.fromarray(render_close_up(np.random.default_rng(seed), species, fur))
        big = small.resize((TRY_YOUR_OWN_SIZE, TRY_YOUR_OWN_SIZE), Image.BICUBIC)
        pictures[name] = np.asarray(big, dtype=np.uint8)
    return pictures


def write_try_your_own(folder):
    """Write the "try your own" pictures as PNG files into ``folder``; returns their paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, picture in try_your_own_pictures().items():
        Image.fromarray(picture).save(folder / name)
        paths.append(folder / name)
    return paths


def _render_split(rng, n):
    n_cat = int(round(n * CAT_FRACTION))
    y = np.zeros(n, dtype=np.int64)
    y[:n_cat] = 1
    y = rng.permutation(y)
    seeds = rng.integers(0, 2**63 - 1, size=n)
    x = np.empty((n, OUT, OUT, 3), dtype=np.uint8)
    for i in range(n):
        r = np.random.default_rng(int(seeds[i]))
        x[i] = render_cat(r) if y[i] == 1 else render_non_cat(r)
    return x, y


def build_arrays(n_train=DEFAULT_TRAIN, n_test=DEFAULT_TEST, seed=DEFAULT_SEED):
    """Draw the whole set.

    Returns (train_x, train_y, test_x, test_y) with shapes
    (n_train, 64, 64, 3) uint8, (n_train,) int64, (n_test, 64, 64, 3) uint8,
    (n_test,) int64. About 38% of each split are cats (label 1).
    """
    rng = np.random.default_rng(seed)
    train_x, train_y = _render_split(rng, n_train)
    test_x, test_y = _render_split(rng, n_test)
    return train_x, train_y, test_x, test_y


def write_h5(path_train, path_test, train_x, train_y, test_x, test_y):
    """Write the two files in the classic layout, deterministically.

    train_x: (m, 64, 64, 3) uint8, train_y: (m,) 0/1; same for test.
    No compression and ``track_times=False``, so equal arrays give
    byte-identical files.
    """
    for path, prefix, x, y in ((path_train, "train", train_x, train_y), (path_test, "test", test_x, test_y)):
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        with h5py.File(path, "w", libver="earliest", track_order=False) as f:
            f.create_dataset(f"{prefix}_set_x", data=np.asarray(x, dtype=np.uint8), track_times=False)
            f.create_dataset(f"{prefix}_set_y", data=np.asarray(y, dtype=np.int64), track_times=False)
            f.create_dataset("list_classes", data=CLASSES, track_times=False)


def _square_64(img):
    """Centre-crop a PIL image to a square and resize to (64, 64, 3) uint8."""
    img = img.convert("RGB")
    w, h = img.size
    s = min(w, h)
    left, top = (w - s) // 2, (h - s) // 2
    img = img.crop((left, top, left + s, top + s)).resize((OUT, OUT), Image.LANCZOS)
    return np.asarray(img, dtype=np.uint8)


def build_from_folder(folder, test_fraction=0.2, seed=0):
    """Turn ``folder/cats/*`` and ``folder/non_cats/*`` into the set's arrays.

    Each picture is centre-cropped to a square and resized to 64x64 RGB; the
    pictures are shuffled with ``seed`` and split into train/test.
    Returns (train_x, train_y, test_x, test_y): (m_train, 64, 64, 3) uint8,
    (m_train,) int64, (m_test, 64, 64, 3) uint8, (m_test,) int64.
    Unreadable files are skipped with a warning that lists them.
    Raises FileNotFoundError for a missing folder, ValueError for an empty class.
    """
    folder = Path(folder)
    xs, ys, bad = [], [], []
    for name in ("cats", "non_cats"):
        if not (folder / name).is_dir():
            raise FileNotFoundError(f"missing folder {folder / name} (expected {folder}/cats/ and {folder}/non_cats/)")
    for label, name in ((1, "cats"), (0, "non_cats")):
        sub = folder / name
        count = 0
        for p in sorted(sub.iterdir()):
            if not p.is_file() or p.name.startswith("."):
                continue
            try:
                with Image.open(p) as im:
                    xs.append(_square_64(im))
            except Exception as exc:  # noqa: BLE001 - any decoding problem
                bad.append(f"{p} ({type(exc).__name__}: {exc})")
                continue
            ys.append(label)
            count += 1
        if count == 0:
            raise ValueError(f"no readable pictures in {sub}")
    if bad:
        warnings.warn("skipped unreadable files:\n  " + "\n  ".join(bad), stacklevel=2)
    x = np.stack(xs)
    y = np.array(ys, dtype=np.int64)
    order = np.random.default_rng(seed).permutation(len(y))
    x, y = x[order], y[order]
    n_test = int(round(len(y) * test_fraction))
    if len(y) >= 2:
        n_test = min(max(n_test, 1 if test_fraction > 0 else 0), len(y) - 1)
    return x[n_test:], y[n_test:], x[:n_test], y[:n_test]


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--train", type=int, default=DEFAULT_TRAIN, help="number of training pictures (default 209)")
    p.add_argument("--test", type=int, default=DEFAULT_TEST, help="number of test pictures (default 50)")
    p.add_argument("--seed", type=int, default=None, help=f"random seed (default {DEFAULT_SEED}; 0 with --from-folder)")
    p.add_argument("--out", type=Path, default=None, help="output folder (default: datasets/ for the default set)")
    p.add_argument("--from-folder", type=Path, default=None, help="folder with cats/ and non_cats/ sub-folders of your pictures")
    p.add_argument("--test-fraction", type=float, default=0.2, help="test share with --from-folder (default 0.2)")
    a = p.parse_args(argv)

    if a.from_folder is not None:
        if a.out is None:
            p.error("--from-folder needs --out DIR (the committed files are never overwritten)")
        try:
            arrays = build_from_folder(a.from_folder, a.test_fraction, 0 if a.seed is None else a.seed)
        except (FileNotFoundError, ValueError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    else:
        seed = DEFAULT_SEED if a.seed is None else a.seed
        is_default = (a.train, a.test, seed) == (DEFAULT_TRAIN, DEFAULT_TEST, DEFAULT_SEED)
        if a.out is None:
            if not is_default:
                p.error("a non-default size or seed needs --out DIR (the committed files are only rebuilt with the defaults)")
            a.out = HERE
        elif a.out.resolve() == HERE and not is_default:
            p.error("refusing to overwrite the committed files in datasets/ with a non-default set; choose another --out")
        arrays = build_arrays(a.train, a.test, seed)
    train, test = a.out / TRAIN_NAME, a.out / TEST_NAME
    write_h5(train, test, *arrays)
    for name, y in (("train", arrays[1]), ("test", arrays[3])):
        print(f"{name}: {len(y)} pictures, {int(y.sum())} cats, {int(len(y) - y.sum())} non-cats")
    print(f"wrote {train} and {test}")
    if a.from_folder is None and a.out.resolve() == HERE:
        paths = write_try_your_own(HERE / "try_your_own")
        print("wrote " + " and ".join(str(p) for p in paths))
    return 0


if __name__ == "__main__":
    sys.exit(main())
