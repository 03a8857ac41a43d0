"""Where each export lives in the built site, and relative links to it from a page."""
from __future__ import annotations

from ..urls import relative_url

DOWNLOADS = "downloads/quizzes"
COURSE_SCORM = "downloads/course-scorm12.zip"
EXPORTS_PAGE = "tutors/exports.md"

# key, file name pattern, label, what it is for
FORMATS = [
    ("moodle", "{id}-moodle.xml", "Moodle XML", "Moodle and Totara question banks"),
    ("gift", "{id}.gift.txt", "GIFT", "Moodle, Totara and other GIFT importers"),
    ("qti", "{id}-qti21.zip", "QTI 2.1", "Canvas New Quizzes and other QTI 2.1 systems"),
    ("scorm", "{id}-scorm12.zip", "SCORM 1.2", "any LMS that plays SCORM 1.2 (score and pass or fail recorded)"),
]


def file_name(quiz_id: str, key: str) -> str:
    return next(pattern for k, pattern, _, _ in FORMATS if k == key).format(id=quiz_id)


def site_path(quiz_id: str, key: str) -> str:
    """Path of one export under the built site, e.g. 'downloads/quizzes/m1/m1-moodle.xml'."""
    return f"{DOWNLOADS}/{quiz_id}/{file_name(quiz_id, key)}"


def download_links(quiz_id: str, page_url: str) -> list[dict]:
    """The four downloads of a quiz, each with an href relative to the page at ``page_url``.

    Relative hrefs work under a sub-path and with or without use_directory_urls. Generated pages
    write them as raw HTML ``<a>``: MkDocs only checks Markdown links, and these files are written
    after the pages are built (on_post_build), so they are not among its documentation files.
    """
    return [{"key": key, "label": label, "use": use, "name": file_name(quiz_id, key),
             "href": relative_url(site_path(quiz_id, key), page_url)}
            for key, _, label, use in FORMATS]


def course_package_link(page_url: str) -> str:
    return relative_url(COURSE_SCORM, page_url)
