"""The export cache: an unchanged quiz is not exported again, and any change rebuilds it."""
import shutil
from pathlib import Path

from course.exports.build import write_all
from course.library import load_library

MINI = Path(__file__).parent / "fixtures" / "minisite"


def test_unchanged_quizzes_come_from_the_cache_and_changes_rebuild(tmp_path):
    shutil.copytree(MINI / "quizzes", tmp_path / "quizzes")
    first = write_all(load_library(tmp_path, kinds=["quiz"]), tmp_path / "site1", {})
    cache = tmp_path / ".cache" / "exports"
    entries = lambda: sorted(p.name.split("-")[0] if p.name.startswith("course-") else "quiz" for p in cache.iterdir())  # noqa: E731
    assert entries() == ["course", "quiz"]  # one quiz's files, and the course package
    second = write_all(load_library(tmp_path, kinds=["quiz"]), tmp_path / "site2", {})
    assert [p.relative_to(tmp_path / "site2") for p in second] == [p.relative_to(tmp_path / "site1") for p in first]
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes()
    quiz_file = next((tmp_path / "site2").rglob("*-moodle.xml"))
    assert quiz_file.stat().st_nlink > 1  # hard-linked from the cache, not written again
    course = tmp_path / "site2" / "downloads" / "course-scorm12.zip"
    assert course in second and course.stat().st_nlink > 1
    src = tmp_path / "quizzes" / "all-types.yml"
    src.write_text(src.read_text().replace("title: Every question type", "title: Every question type, edited"))
    third = write_all(load_library(tmp_path, kinds=["quiz"]), tmp_path / "site3", {})
    assert entries() == ["course", "course", "quiz", "quiz"]  # the quiz and the course package rebuilt
    assert b"Every question type, edited" in next(p for p in third if p.name.endswith("-moodle.xml")).read_bytes()
    import zipfile
    with zipfile.ZipFile(tmp_path / "site3" / "downloads" / "course-scorm12.zip") as z:
        assert "Every question type, edited" in z.read("imsmanifest.xml").decode()
