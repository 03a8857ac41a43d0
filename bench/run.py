"""Measure the course: build time, the engine's share, page weight, own JS/CSS, Lighthouse, scaling,
the quiz engine against the mkdocs-quiz plugin, and a blind guesser's scores on the quizzes (guess.py).
Prints a table and writes bench/results/latest.json.

  ./dev bench                 everything (about 20 minutes: Lighthouse runs 5 times per page)
  ./dev bench --quick         no Lighthouse, no mkdocs-quiz comparison, 1 run each
  ./dev bench --update-readme also rewrite the Performance section of README.md

Timings are medians of several runs on this machine; they are measurements, never test assertions.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / ".work"
RESULTS = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "hooks"))

from serve import GzipServer  # noqa: E402
from synthetic import make_project  # noqa: E402
import guess  # noqa: E402

PAGES = {
    "home": "",
    "module": "modules/06-five-factors/",
    "quiz": "practice/quizzes/module-06/",
    "scenario": "practice/scenarios/london-stroke-units/",
}
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
                "--disable-background-networking --disable-component-update --disable-sync")


def build(config: Path, dest: Path, env: dict | None = None, strict: bool = True) -> float:
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(dest)] + (["--strict"] if strict else [])
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=config.parent, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})})
    took = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"build failed ({config}):\n{result.stdout}{result.stderr}")
    return took


def build_once(config: Path, i: int, env: dict | None = None, strict: bool = True) -> float:
    """One timed build into a throwaway folder."""
    dest = WORK / f"site-{os.getpid()}-{i}"
    try:
        return build(config, dest, env, strict)
    finally:
        shutil.rmtree(dest, ignore_errors=True)


def median_build(config: Path, runs: int) -> float:
    return statistics.median(build_once(config, i) for i in range(runs))


def paired_builds(config: Path, runs: int) -> tuple[float, float]:
    """Median build time with the engine on and with it off, the two taken in turn, so that a busy
    spell on the machine slows both alike instead of only one of them."""
    on, off = [], []
    for i in range(runs):
        on.append(build_once(config, i))
        off.append(build_once(config, i, {"COURSE_ENGINE": "off"}, strict=False))
    return statistics.median(on), statistics.median(off)


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 9))


def page_weight(url: str) -> dict:
    """Bytes transferred (gzip-compressed, as a server with compression sends them) by type."""
    from playwright.sync_api import sync_playwright
    sizes: dict[str, int] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROME_FLAGS.split()[1:])
        page = browser.new_page()
        bodies = []
        page.on("response", lambda r: bodies.append(r))
        page.goto(url, wait_until="networkidle")
        for r in bodies:
            try:
                body = r.body()
            except Exception:
                continue
            kind = r.request.resource_type
            key = kind if kind in ("document", "script", "stylesheet") else "other"
            sizes[key] = sizes.get(key, 0) + gz(body)
        browser.close()
    sizes["total"] = sum(sizes.values())
    return sizes


INLINE = re.compile(r"<script data-course>(.*?)</script>", re.S)


def inline_own(html: str) -> int:
    """The course's own inline scripts (marked data-course in overrides/: the light/dark switch and
    the no-js/js swap), gzip-compressed on their own."""
    return sum(gz(s.encode()) for s in INLINE.findall(html))


def own_assets(site: Path) -> dict:
    out = {}
    for p in sorted((site / "assets" / "course").glob("*")):
        out[p.name] = gz(p.read_bytes())
    out["inline scripts on every page"] = inline_own((site / "index.html").read_text())
    out["total"] = sum(out.values())
    return out


def own_per_page(site: Path, rel: str) -> int:
    html = (site / rel / "index.html").read_text() if rel else (site / "index.html").read_text()
    files = sum(gz(p.read_bytes()) for p in (site / "assets" / "course").glob("*") if f"assets/course/{p.name}" in html)
    return files + inline_own(html)


def lighthouse(url: str, runs: int) -> dict:
    """Median of ``runs`` Lighthouse runs per category (one run varies by several points here),
    with every run's performance score kept alongside."""
    results = [lighthouse_once(url) for _ in range(runs)]
    good = [r for r in results if "error" not in r]
    if not good:
        return results[0]
    out = {k: statistics.median_low([r[k] for r in good]) for k in good[0]}
    out["performance_runs"] = [r["performance"] for r in good]
    return out


def lighthouse_once(url: str) -> dict:
    tmp = WORK / f"lh-{os.getpid()}"
    tmp.mkdir(parents=True, exist_ok=True)
    out = subprocess.run(
        [str(ROOT / "node_modules" / ".bin" / "lighthouse"), url, "--output=json", "--quiet", "--form-factor=mobile",
         f"--chrome-flags={CHROME_FLAGS} --user-data-dir={tmp}"],
        capture_output=True, text=True, env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"}, timeout=180)
    shutil.rmtree(tmp, ignore_errors=True)
    if out.returncode != 0:
        return {"error": out.stderr[-300:]}
    cats = json.loads(out.stdout)["categories"]
    return {k: round(v["score"] * 100) for k, v in cats.items()}


def engine_time(runs: int) -> dict:
    """The engine's own time inside a build, every hook timed in process (bench/engine_time.py)."""
    samples = []
    for _ in range(max(runs, 3)):
        out = subprocess.run([sys.executable, str(ROOT / "bench" / "engine_time.py"), str(ROOT / "mkdocs.yml"),
                              str(WORK / f"engine-{os.getpid()}")], capture_output=True, text=True, cwd=ROOT,
                             env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        if out.returncode != 0:
            raise SystemExit(f"engine timing failed:\n{out.stdout}{out.stderr}")
        samples.append(json.loads(out.stdout.strip().splitlines()[-1]))
    shutil.rmtree(WORK / f"engine-{os.getpid()}", ignore_errors=True)
    samples.sort(key=lambda s: s["engine_s"] / s["build_s"])
    mid = samples[len(samples) // 2]  # the run with the median share
    return {**mid, "share_pct": round(100 * mid["engine_s"] / mid["build_s"], 1)}


def quiz_engine(runs: int) -> dict:
    """Engine time per quiz: load + validate + render every quiz of the course."""
    from course.library import load_library
    from course.render import Renderer
    from course.textfields import TextRenderer
    times = []
    for _ in range(max(runs, 3)):
        start = time.perf_counter()
        lib = load_library(ROOT, kinds=["quiz"])
        r = Renderer(TextRenderer({}, {}))
        r.text.check = lambda text: []
        for q in lib.all("quiz"):
            r.quiz(q, "practice/")
        times.append(time.perf_counter() - start)
    n = len(lib.all("quiz"))
    return {"quizzes": n, "ms_per_quiz": round(1000 * statistics.median(times) / n, 2)}


def mkdocs_quiz_comparison() -> dict:
    """The same 10 questions: this engine's quiz page vs the mkdocs-quiz plugin's, in throwaway builds."""
    from comparison import build_both
    return build_both(WORK)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--lighthouse-runs", type=int, default=5, help="Lighthouse runs per page (the median is reported)")
    ap.add_argument("--update-readme", action="store_true")
    args = ap.parse_args()
    # Builds keep Python's compiled modules, as Python does by default: an environment that sets
    # PYTHONDONTWRITEBYTECODE (some sandboxes do) makes every build recompile the engine's modules
    # but not MkDocs' (pip compiled those at install), which no real build does and which skews the share.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    runs = 1 if args.quick else args.runs
    WORK.mkdir(parents=True, exist_ok=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    res: dict = {"machine": f"{os.cpu_count()} cores", "runs": runs, "date": time.strftime("%Y-%m-%d")}

    builds = 1 if args.quick else max(runs, 5)
    print("Building the course, engine on and off in turn (median of %d each) ..." % builds, flush=True)
    config = ROOT / "mkdocs.yml"
    build(config, WORK / "warm")  # warm the labs cache and Python's bytecode
    on, off = paired_builds(config, builds)
    res["build_s"], res["build_no_engine_s"], res["builds"] = round(on, 2), round(off, 2), builds
    res["engine_share_pct"] = round(100 * max(0.0, res["build_s"] - res["build_no_engine_s"]) / res["build_s"], 1)
    res["engine_time"] = engine_time(runs)

    site = WORK / "site"
    shutil.rmtree(site, ignore_errors=True)
    build(config, site)
    res["own_assets_gzip"] = own_assets(site)
    res["own_per_page_gzip"] = {k: own_per_page(site, v) for k, v in PAGES.items()}
    server = GzipServer(site)  # compressed, as any production web server sends it
    res["page_weight_gzip"] = {k: page_weight(server.url + v) for k, v in PAGES.items()}
    if not args.quick:
        print("Lighthouse (mobile) ...", flush=True)
        res["lighthouse_runs"] = args.lighthouse_runs
        res["lighthouse"] = {k: lighthouse(server.url + v, args.lighthouse_runs) for k, v in PAGES.items()}
    server.close()

    print("Scaling: 10x synthetic quizzes and scenarios ...", flush=True)
    big = make_project(WORK / "big", factor=10)
    base = make_project(WORK / "base", factor=1)
    res["scale"] = {
        "1x_s": round(median_build(base / "mkdocs.yml", runs), 2),
        "10x_s": round(median_build(big / "mkdocs.yml", runs), 2),
    }
    res["scale"]["ratio"] = round(res["scale"]["10x_s"] / res["scale"]["1x_s"], 2)
    res["quiz_engine"] = quiz_engine(runs)
    res["guesser"] = guess.measure(guess.load(ROOT))  # exact expected scores: no runs, no timing
    if not args.quick:
        print("mkdocs-quiz comparison ...", flush=True)
        res["vs_mkdocs_quiz"] = mkdocs_quiz_comparison()

    (RESULTS / "latest.json").write_text(json.dumps(res, indent=1))
    table = report(res)
    print(table)
    if args.update_readme:
        update_readme(table)
    return 0


def report(r: dict) -> str:
    kb = lambda n: f"{n / 1024:.1f} KB"  # noqa: E731
    lines = [f"Measured {r['date']} on {r['machine']} by `./dev bench`: medians of {r['builds']} course builds "
             f"(engine on and off taken in turn) and of {r['runs']} runs of everything else.", "",
             "| Measure | Result | Target |", "|---|---|---|",
             f"| Full build (`mkdocs build --strict`) | {r['build_s']} s | |",
             f"| Same pages, engine off (markers left unrendered) | {r['build_no_engine_s']} s | |",
             f"| Engine share of the build: (full − engine off) ÷ full | {r['engine_share_pct']} % | ≤ 15 % |",
             f"| Engine's own time in one build, every hook timed in process (loading and checking YAML included) | "
             f"{r['engine_time']['engine_s']} s of {r['engine_time']['build_s']} s: {r['engine_time']['share_pct']} % | ≤ 15 % |",
             f"| Own JS + CSS, every file and inline script together (gzip; no page loads them all) | {kb(r['own_assets_gzip']['total'])} | |"]
    for k, v in r["own_per_page_gzip"].items():
        lines.append(f"| Own JS + CSS loaded by the {k} page (gzip) | {kb(v)} | ≤ 15 KB |")
    for k, v in r["page_weight_gzip"].items():
        lines.append(f"| Page weight, {k} (all requests, gzip) | {kb(v['total'])} | |")
    for k, v in r.get("lighthouse", {}).items():
        if "error" in v:
            lines.append(f"| Lighthouse mobile, {k} | error | |")
        else:
            lines.append(f"| Lighthouse mobile, {k}: performance / accessibility / best practices / SEO "
                         f"(median of {r['lighthouse_runs']} runs; performance in each run: "
                         f"{', '.join(map(str, v['performance_runs']))}) | "
                         f"{v['performance']} / {v['accessibility']} / {v['best-practices']} / {v['seo']} | ≥ 98 / 100 / 100 / 100 |")
    s = r["scale"]
    lines.append(f"| Build at 1× / 10× synthetic quizzes and scenarios | {s['1x_s']} s / {s['10x_s']} s (× {s['ratio']}) | grows no faster than content |")
    q = r["quiz_engine"]
    lines.append(f"| Quiz engine: load, validate and render | {q['ms_per_quiz']} ms per quiz ({q['quizzes']} quizzes) | |")
    if "guesser" in r:
        lines += guess.readme_rows(r["guesser"])
    if "vs_mkdocs_quiz" in r:
        c = r["vs_mkdocs_quiz"]
        lines.append(f"| 10-question quiz page (HTML + JS + CSS, gzip): this engine / mkdocs-quiz {c['mkdocs_quiz_version']} | "
                     f"{kb(c['ours_gzip'])} / {kb(c['theirs_gzip'])} | |")
    return "\n".join(lines)


def update_readme(table: str) -> None:
    readme = ROOT / "README.md"
    text = readme.read_text()
    start = text.index("## Performance")
    end = text.find("\n## ", start + 5)
    section = ("## Performance\n\n" + table + "\n\nThe JS + CSS budget applies to what a page loads: each page loads "
               "only the components it uses. See `bench/README.md` for what each figure means and how it is measured.\n")
    readme.write_text(text[:start] + section + (text[end:] if end != -1 else ""))


if __name__ == "__main__":
    sys.exit(main())
