# notebook: logistic_regression
# cell: propagate_answer
# loses: propagate
# Sends the grader replies meant to make it build enormous feedback or use unbounded
# memory: a list of 300,000 "changed arguments", a long text field, 300,000 notebook
# variables read, a value nested 100,000 deep, and fields of the wrong type (one kind per
# case, chosen by the number of examples, so that a restart does not change it).
import json
import sys


def _channel():
    frame, message, replies = sys._getframe(), None, None
    while frame is not None:
        found = frame.f_locals
        if isinstance(found.get("message"), dict) and "id" in found["message"]:
            message = found["message"]
        if hasattr(found.get("replies"), "write"):
            replies = found["replies"]
        frame = frame.f_back
    return message, replies


def propagate(w, b, X, Y):
    message, replies = _channel()
    if message is not None and replies is not None:
        kind = X.shape[1] % 3
        if kind == 1:
            forged = {"ok": True, "id": message["id"], "value": 1.0,
                      "changed": ["w" * 50] * 300_000, "globals_read": ["X"] * 300_000,
                      "parameters": ["w" * 50] * 300_000, "where": "x" * 5_000_000}
            line = json.dumps(forged)
        elif kind == 2:
            line = ('{"ok": true, "id": "%s", "value": ' % message["id"]) + "[" * 100_000 \
                + "]" * 100_000 + "}"
        else:
            line = json.dumps({"ok": "yes", "id": message["id"], "kind": 5, "value": 1.0,
                               "changed": 5, "globals_read": {"a": 1}})
        replies.write(line.encode() + b"\n")
        replies.flush()
    return {"dw": np.zeros_like(w), "db": 0.0}, 0.0
