"""Build commands for people hosting the course (called by ./dev):

  publish DEST   build strictly into a new folder beside DEST; only if the build passes, swap it in
                 for DEST. A failed build leaves DEST exactly as it was.
  offline [DEST] build the offline edition (open index.html from a folder or USB stick) and a zip of it.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def mkdocs_build(config: Path, dest: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config), "-d", str(dest)],
                          cwd=ROOT, env=env, capture_output=True, text=True)


def publish(dest: Path, config: Path) -> int:
    dest = dest.resolve()
    dest.parent.mkdir(parents=True, exist_ok=True)
    new = dest.with_name(f".{dest.name}.new-{os.getpid()}")
    old = dest.with_name(f".{dest.name}.old-{os.getpid()}")
    shutil.rmtree(new, ignore_errors=True)
    print(f"Building into {new} ...")
    result = mkdocs_build(config, new)
    if result.returncode != 0 or not (new / "index.html").is_file():
        shutil.rmtree(new, ignore_errors=True)
        sys.stderr.write(result.stdout + result.stderr)
        sys.stderr.write(f"\nThe build failed, so nothing was published: {dest} is unchanged.\n")
        return 1
    if dest.exists():
        dest.rename(old)          # both renames are on one file system, so each is atomic
    new.rename(dest)
    shutil.rmtree(old, ignore_errors=True)
    print(f"Published to {dest}.")
    return 0


def offline(dest: Path) -> int:
    dest = dest.resolve()
    shutil.rmtree(dest, ignore_errors=True)
    result = mkdocs_build(ROOT / "mkdocs-offline.yml", dest)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        return 1
    archive = dest.with_suffix(".zip")
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        for path in sorted(dest.rglob("*")):
            if path.is_file():
                z.write(path, Path(dest.name) / path.relative_to(dest))
    print(f"Offline edition: {dest}/index.html (open it in a browser)\nZip: {archive} ({archive.stat().st_size // 1024} KB)")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("publish")
    p.add_argument("dest", type=Path)
    p.add_argument("-f", "--config", type=Path, default=ROOT / "mkdocs.yml")
    o = sub.add_parser("offline")
    o.add_argument("dest", type=Path, nargs="?", default=ROOT / "site-offline")
    args = parser.parse_args(argv)
    return publish(args.dest, args.config.resolve()) if args.command == "publish" else offline(args.dest)


if __name__ == "__main__":
    sys.exit(main())
