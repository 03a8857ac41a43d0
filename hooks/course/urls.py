"""Where pages live: source paths (``modules/01-x.md``) and site URLs (``modules/01-x/``).

The one module that knows how a source path becomes a URL and how to link between pages. Every URL
here is site-relative ('' is the home page) and every link it makes is relative, so the built site
works under a sub-path, from ``file://`` and with ``use_directory_urls: false``.
"""
from __future__ import annotations

import posixpath
from pathlib import PurePosixPath

from markupsafe import Markup


def url_for(uri: str, directory_urls: bool = True) -> str:
    """``modules/01-x.md`` -> ``modules/01-x/`` (or ``modules/01-x.html``); ``index.md`` -> ''."""
    path = PurePosixPath(uri)
    if not directory_urls:
        return str(path.with_suffix(".html"))
    if path.stem == "index":
        parent = str(path.parent)
        return "" if parent == "." else parent + "/"
    return str(path.with_suffix("")) + "/"


def rel_link(from_uri: str, to_uri: str) -> str:
    """A relative ``.md`` link between two source paths, for generated Markdown (MkDocs resolves it)."""
    return posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")


def page_link(from_uri: str, to_uri: str) -> Markup:
    """``rel_link`` for templates: an address the engine made, printed as it is."""
    return Markup(rel_link(from_uri, to_uri))


def relative_url(target: str, base: str) -> str:
    """URL of ``target`` relative to the page at ``base`` (both site-relative URLs)."""
    base_dir = base if base.endswith("/") or base == "" else posixpath.dirname(base) + "/"
    rel = posixpath.relpath("/" + target, "/" + base_dir)
    if (target == "" or target.endswith("/")) and not rel.endswith("/"):
        rel += "/"
    return rel


def relative_root(page_url: str) -> str:
    """The site root seen from a page: ``modules/01-x/`` -> ``../../``; '' -> ``./``."""
    return "../" * page_url.count("/") or "./"
