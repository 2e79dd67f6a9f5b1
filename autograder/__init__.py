"""The course's autograder: release student notebooks, grade submissions safely, check a notebook.

Run ``python -m autograder --help``. The folder is also the nbgrader course
root: ``source/<assignment>/`` holds the instructor notebooks.
"""
