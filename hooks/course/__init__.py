"""Course engine: load, validate and render quizzes, scenarios and self-assessments.

An ordinary Python package. MkDocs calls it through the thin hook file ``hooks/course_hooks.py``;
tests and the command line (``python -m course check``) call it directly.
"""
