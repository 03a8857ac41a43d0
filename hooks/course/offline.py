"""The offline edition (file://): Material's offline plugin, with its Web Worker shim served from the
site instead of a CDN. The shim is built from the npm package ``iframe-worker`` (MIT, by the author
of Material for MkDocs): its two small ES modules become one classic script."""
from __future__ import annotations

import re
from pathlib import Path

SHIM_URI = "assets/vendor/iframe-worker.js"
ESM = Path("node_modules") / "iframe-worker" / "dist" / "esm" / "worker"


def shim_source(root: Path) -> str:
    """One classic script that swaps in the iframe worker when the page is opened from a file."""
    runtime = (root / ESM / "runtime" / "index.js").read_text(encoding="utf-8")
    worker = (root / ESM / "index.js").read_text(encoding="utf-8")
    body = "\n".join([runtime, worker])
    body = re.sub(r"^import .*$", "", body, flags=re.M)
    body = re.sub(r"^export ", "", body, flags=re.M)
    body = re.sub(r"^//# sourceMappingURL=.*$", "", body, flags=re.M)
    return ("/* iframe-worker 1.0.4 (MIT, Martin Donath), bundled for the offline edition. */\n"
            "(function () {\n" + body + "\nif (location.protocol === \"file:\") window.Worker = IFrameWorker;\n})();\n")


def is_offline(config) -> bool:
    plugin = config["plugins"].get("material/offline") or config["plugins"].get("offline")
    return bool(plugin and plugin.config.enabled)


def use_local_shim(config) -> None:
    """Replace the CDN shim the offline plugin adds with the copy served by the site."""
    polyfills = [p for p in config["extra"].get("polyfills", []) if "iframe-worker" not in str(p)]
    config["extra"]["polyfills"] = polyfills + [SHIM_URI]
