"""Set up what the JupyterLite labs need, once, during setup (``./dev`` runs this; it needs PyPI).

The site build (``course.labs``) then works from this cache alone, with no network:

- ``.cache/labs/pyodide/``  Pyodide's core files (from npm ``pyodide``, installed by ``npm ci``),
  the pure-Python wheels the kernel loads (the ``depends`` closure of micropip, ipython and jedi in
  ``pyodide-lock.json``, downloaded from PyPI) and the lock file rewritten to point at them.
- ``.cache/labs/pypi/``     the ``comm`` wheel the kernel installs with piplite.
- ``.cache/labs/setup.json`` what was set up (written last: its presence means setup finished).

The environment variable COURSE_LABS_CACHE moves the whole cache elsewhere (for CI caches and tests).

Run: ``.venv/bin/python hooks/course/labs_setup.py [--force]``. Idempotent: when setup.json already
matches the pinned versions and every file is in place, it does nothing. Standard library only, so
it runs without the course package or MkDocs.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CACHE = Path(os.environ.get("COURSE_LABS_CACHE") or ROOT / ".cache" / "labs").resolve()  # override: CI caches
MANIFEST = CACHE / "setup.json"
NPM_PYODIDE = ROOT / "node_modules" / "pyodide"

# Pinned together (see /work/shared/toolchain.md): kernel 0.8.6 expects Pyodide 314.0.6 (Python 3.14).
SETUP_FORMAT = 1
VERSIONS = {"jupyterlite-core": "0.8.6", "jupyterlite-pyodide-kernel": "0.8.6", "pyodide": "314.0.6"}
PYODIDE_PYTHON = "3.14"
KERNEL_ROOTS = ("micropip", "ipython", "jedi")  # what the kernel loads from Pyodide at start-up
PIPLITE_WHEELS = ("comm==0.2.3",)  # what the kernel installs with piplite (its pyodide_kernel wheel needs comm)
CORE_FILES = ("pyodide.mjs", "pyodide.js", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
LOCK = "pyodide-lock.json"


def shown(path: Path) -> str:
    """A path for messages: relative to the repository when inside it."""
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


class SetupError(Exception):
    """Setup cannot go on; the message says what to do."""


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def expected() -> dict:
    """The part of setup.json that must match for the cache to be current."""
    return {"format": SETUP_FORMAT, "versions": VERSIONS, "roots": list(KERNEL_ROOTS),
            "piplite": list(PIPLITE_WHEELS)}


def read_manifest() -> dict | None:
    try:
        return json.loads(MANIFEST.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def is_current(manifest: dict | None = None) -> bool:
    """True when setup finished for the pinned versions and every file it lists is present."""
    manifest = manifest if manifest is not None else read_manifest()
    if not manifest or any(manifest.get(k) != v for k, v in expected().items()):
        return False
    return all((CACHE / rel).is_file() and (CACHE / rel).stat().st_size == size
               for rel, size in manifest.get("files", {}).items())


def check_versions():
    for dist in ("jupyterlite-core", "jupyterlite-pyodide-kernel"):
        try:
            have = metadata.version(dist)
        except metadata.PackageNotFoundError:
            raise SetupError(f"{dist} is not installed: run `.venv/bin/pip install -r requirements.txt`.")
        if have != VERSIONS[dist]:
            raise SetupError(f"{dist} {have} is installed but the labs are pinned to {VERSIONS[dist]}: "
                             "run `.venv/bin/pip install -r requirements.txt`.")
    pkg = NPM_PYODIDE / "package.json"
    have = json.loads(pkg.read_text())["version"] if pkg.is_file() else None
    if have != VERSIONS["pyodide"]:
        raise SetupError(f"npm pyodide {VERSIONS['pyodide']} is needed (found {have or 'none'}): run `npm ci`.")


def kernel_closure(lock: dict) -> list[str]:
    """Lock-file keys of the packages the kernel needs, following ``depends``."""
    packages = lock["packages"]
    by_name = {normalise(k): k for k in packages}
    seen: list[str] = []
    todo = list(KERNEL_ROOTS)
    while todo:
        key = by_name[normalise(todo.pop(0))]
        if key not in seen:
            seen.append(key)
            todo.extend(packages[key].get("depends", []))
    return seen


def pip_download(spec: str, dest: Path) -> Path:
    """One pure-Python wheel from PyPI (reused when already downloaded)."""
    name, version = spec.split("==")
    for have in dest.glob("*.whl"):
        parts = have.name.split("-")
        if normalise(parts[0]) == normalise(name) and parts[1] == version:
            return have
    cmd = [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check", "--no-deps",
           "--only-binary=:all:", "--python-version", PYODIDE_PYTHON, "--dest", str(dest), spec]
    result = subprocess.run(cmd, capture_output=True, text=True)
    found = [p for p in dest.glob("*.whl")
             if normalise(p.name.split("-")[0]) == normalise(name) and p.name.split("-")[1] == version]
    if result.returncode != 0 or not found:
        tail = "\n".join(line for line in result.stderr.splitlines() if "is ignored" not in line)[-1500:]
        raise SetupError(f"could not download {spec} from PyPI:\n{tail}")
    if not found[0].name.endswith("-none-any.whl"):
        raise SetupError(f"{found[0].name} is not a pure-Python wheel; Pyodide cannot use it.")
    return found[0]


def setup(force: bool = False) -> dict:
    if not force and is_current():
        print(f"labs: already set up ({shown(MANIFEST)})")
        return read_manifest()
    check_versions()
    CACHE.mkdir(parents=True, exist_ok=True)
    MANIFEST.unlink(missing_ok=True)
    downloads = CACHE / "downloads"
    downloads.mkdir(exist_ok=True)

    lock = json.loads((NPM_PYODIDE / LOCK).read_text(encoding="utf-8"))
    closure = kernel_closure(lock)
    staging = CACHE / "pyodide.tmp"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    for name in CORE_FILES:
        shutil.copy2(NPM_PYODIDE / name, staging / name)
    wheels = {}
    for key in closure:
        entry = lock["packages"][key]
        wheel = pip_download(f"{entry['name']}=={entry['version']}", downloads)
        shutil.copy2(wheel, staging / wheel.name)
        entry["file_name"] = wheel.name
        entry["sha256"] = sha256(wheel)
        wheels[key] = {"file_name": wheel.name, "sha256": entry["sha256"]}
        print(f"labs: {wheel.name}")
    (staging / LOCK).write_text(json.dumps(lock, indent=1, sort_keys=False), encoding="utf-8")
    final = CACHE / "pyodide"
    shutil.rmtree(final, ignore_errors=True)
    staging.rename(final)

    pypi = CACHE / "pypi"
    shutil.rmtree(pypi, ignore_errors=True)
    pypi.mkdir()
    for spec in PIPLITE_WHEELS:
        wheel = pip_download(spec, downloads)
        shutil.copy2(wheel, pypi / wheel.name)
        print(f"labs: {wheel.name} (piplite)")

    files = {p.relative_to(CACHE).as_posix(): p.stat().st_size
             for folder in (final, pypi) for p in sorted(folder.rglob("*")) if p.is_file()}
    manifest = {**expected(), "kernel_wheels": wheels, "files": files}
    tmp = MANIFEST.with_suffix(".tmp")
    tmp.write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    tmp.rename(MANIFEST)
    total = sum(files.values())
    print(f"labs: set up {len(files)} files, {total / 1e6:.1f} MB, in {shown(CACHE)}/")
    return manifest


def main(argv: list[str]) -> int:
    try:
        setup(force="--force" in argv)
    except SetupError as e:
        print(f"labs setup failed: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
