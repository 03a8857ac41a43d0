"""Time the engine's own work inside one `mkdocs build` of the course, in process.

Every hook of ``course.mkdocs_glue.CourseBuild`` (loading and checking the YAML, generating pages,
rendering quizzes and scenarios into pages, writing exports and labs) is timed; the rest is MkDocs,
Material and the search index. Prints JSON: {"build_s": ..., "engine_s": ..., "hooks": {...}}.

  python bench/engine_time.py [mkdocs.yml] [site_dir]
"""
from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

HOOKS = ["configure", "add_files", "theme_env", "page_html", "page_output", "post_build"]


def main() -> int:
    config = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "mkdocs.yml")
    site = sys.argv[2] if len(sys.argv) > 2 else str(ROOT / "bench" / ".work" / "engine-time-site")
    spent: Counter = Counter()
    start = time.perf_counter()
    from mkdocs.commands.build import build  # MkDocs and what it imports (Markdown, Jinja, YAML)
    from mkdocs.config import load_config

    t = time.perf_counter()
    from course import mkdocs_glue  # what the hooks add to that; MkDocs imports them with the config

    spent["import"] = time.perf_counter() - t
    for name in HOOKS:
        original = getattr(mkdocs_glue.CourseBuild, name)

        def timed(*args, _original=original, _name=name, **kwargs):
            t = time.perf_counter()
            try:
                return _original(*args, **kwargs)
            finally:
                spent[_name] += time.perf_counter() - t

        setattr(mkdocs_glue.CourseBuild, name, timed)
    cfg = load_config(config, site_dir=site, strict=True)
    build(cfg)
    total = time.perf_counter() - start
    print(json.dumps({"build_s": round(total, 3), "engine_s": round(sum(spent.values()), 3),
                      "hooks": {k: round(v, 3) for k, v in spent.items()}}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
