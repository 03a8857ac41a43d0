"""LMS exports of the quizzes, written at build time from the same quiz model as the site.

- ``moodle.py``: Moodle XML (also imported by Totara).
- ``gift.py``: GIFT text (Moodle, Totara, and other GIFT importers).
- ``qti.py``: an IMS QTI 2.1 content package (Canvas New Quizzes and other QTI 2.1 systems).
- ``scorm.py``: SCORM 1.2 packages, one per quiz and one for the whole course.
- ``build.py``: writes every file under ``downloads/`` in the built site (``write_all``).
- ``links.py``: where each file goes, and links to it from generated pages.

Kept light: importing ``course.exports.links`` must not pull in the renderer (pages.py uses it).
"""
