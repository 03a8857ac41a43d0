"""The static link checker itself: it must catch what it claims to catch."""
from pathlib import Path

import sitecheck


def write(root: Path, rel: str, html: str):
    p = root / rel
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(html)


def test_sitecheck_finds_broken_links_anchors_and_escapes(tmp_path):
    write(tmp_path, "index.html", '<h1 id="top">x</h1><a href="a/">ok</a><a href="a/#here">ok</a><a href="#top">ok</a>'
                                  '<a href="a/#gone">bad anchor</a><a href="missing/">bad</a><a href="#nowhere">bad</a>'
                                  '<script src="/elsewhere.js"></script><a href="javascript:alert(1)">x</a>'
                                  '<a href="https://example.org/">external, skipped</a>')
    write(tmp_path, "a/index.html", '<p id="here">a</p><a href="../">up</a><img src="../img.png">')
    problems = sitecheck.check(tmp_path, base="/sub/")
    assert problems == [
        "index.html: a/#gone -> missing anchor #gone",
        "index.html: a missing/ -> /missing/ does not exist",
        "index.html: missing anchor #nowhere",
        "index.html: script /elsewhere.js leaves the base path /sub/",
        "index.html: javascript: link javascript:alert(1)",
        "a/index.html: img ../img.png -> /img.png does not exist",
    ]
