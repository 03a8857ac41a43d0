"""Shared fixtures: build the course once, serve it on loopback, drive it in Debian's Chromium.

Every page opened through the ``page`` fixture records console errors and every request; a test
fails if a console error happens or a request leaves 127.0.0.1 (see ``guard``).
"""
from __future__ import annotations

import functools
import os
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
MINISITE = ROOT / "tests" / "fixtures" / "minisite"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
MKDOCS = [sys.executable, "-m", "mkdocs"]


def build(config: Path, dest: Path, strict: bool = True, env: dict | None = None) -> subprocess.CompletedProcess:
    cmd = MKDOCS + ["build", "-q", "-f", str(config), "-d", str(dest)] + (["--strict"] if strict else [])
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(cmd, cwd=config.parent, capture_output=True, text=True, env=full_env)


class QuietHandler(SimpleHTTPRequestHandler):
    extra_headers: dict = {}

    def log_message(self, *args):
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()


class Server:
    """Serves a folder on 127.0.0.1 on a free port, in a thread (optionally with extra headers)."""

    def __init__(self, folder: Path, headers: dict | None = None):
        handler_class = type("Handler", (QuietHandler,), {"extra_headers": dict(headers or {})})
        handler = functools.partial(handler_class, directory=str(folder))
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def _built(tmp_path_factory, config: Path, name: str) -> Path:
    """Build a site once per session with --strict; a failed build fails every test that needs it."""
    dest = tmp_path_factory.mktemp(name) / "site"
    result = build(config, dest)
    assert result.returncode == 0, f"mkdocs build --strict of {config} failed:\n{result.stdout}\n{result.stderr}"
    return dest


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    """The whole course."""
    return _built(tmp_path_factory, ROOT / "mkdocs.yml", "site")


@pytest.fixture(scope="session")
def minisite_dir(tmp_path_factory) -> Path:
    """The fixture mini-site: every question type, a scenario, self-assessments."""
    return _built(tmp_path_factory, MINISITE / "mkdocs.yml", "mini")


@pytest.fixture(scope="session")
def site(site_dir):
    server = Server(site_dir)
    yield server.url
    server.close()


@pytest.fixture(scope="session")
def minisite(minisite_dir):
    server = Server(minisite_dir)
    yield server.url
    server.close()


# --- Playwright on Debian's Chromium (never `playwright install`) ---------------------------
@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1280, "height": 900}, "locale": "en-GB"}


class Guard:
    """Records console errors, page errors and requests that leave loopback."""

    def __init__(self, page):
        self.errors: list[str] = []
        self.external: list[str] = []
        self.requests: list[str] = []
        page.on("console", lambda m: self.errors.append(f"console.{m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        page.on("request", self._request)

    def _request(self, req):
        self.requests.append(req.url)
        parts = urlsplit(req.url)
        if parts.scheme in ("data", "blob", "about", "file"):
            return
        if parts.hostname not in ("127.0.0.1",):
            self.external.append(req.url)

    def check(self):
        assert not self.errors, "console errors:\n" + "\n".join(self.errors)
        assert not self.external, "requests left the site:\n" + "\n".join(self.external)


@pytest.fixture
def guard(page):
    g = Guard(page)
    yield g
    g.check()


def run_axe(page) -> list[dict]:
    """Violations of WCAG 2.0/2.1/2.2 A and AA on the current page."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async () => await axe.run(document, {runOnly: {type: 'tag', values:
             ['wcag2a','wcag2aa','wcag21a','wcag21aa','wcag22a','wcag22aa']}, resultTypes: ['violations']})"""
    )
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"],
         "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


@pytest.fixture
def axe():
    return run_axe


class temp_config:
    """A throwaway config beside mkdocs.yml (so relative paths resolve), removed afterwards.

    with temp_config("branded", "INHERIT: mkdocs.yml\\nsite_name: X\\n") as path: build(path, dest)
    """

    def __init__(self, name: str, text: str):
        self.path = ROOT / f".test-{name}.yml"
        self.text = text

    def __enter__(self) -> Path:
        self.path.write_text(self.text)
        return self.path

    def __exit__(self, *exc):
        self.path.unlink(missing_ok=True)
