"""Correct versions of the course's exercises, for later weeks and the grader.

A later week imports these instead of a student's earlier answer, so one
week's mistake never breaks the next. Week-1 notebooks do not import them.
"""
