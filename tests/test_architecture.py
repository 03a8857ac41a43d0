"""The engine's shape: an ordinary package with no import cycles, MkDocs imported in one module
only, and every kind declared once (kinds.py)."""
import ast
from pathlib import Path

ENGINE = Path(__file__).resolve().parent.parent / "hooks" / "course"


def imports() -> dict[str, set[str]]:
    """module -> the engine modules it imports (at any depth: lazy imports count too)."""
    graph: dict[str, set[str]] = {}
    for path in ENGINE.rglob("*.py"):
        rel = path.relative_to(ENGINE).with_suffix("")
        name = ".".join(rel.parts).removesuffix(".__init__")
        package = name.rsplit(".", 1)[0] if path.name != "__init__.py" and "." in name else ("" if path.name != "__init__.py" else name)
        out = graph.setdefault(name, set())
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                base = package.split(".") if package else []
                base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
                target = ".".join(base + ([node.module] if node.module else []))
                targets = [target] if node.module else [".".join(base + [a.name]) for a in node.names]
                for t in targets:
                    for a in ([t] + [f"{t}.{n.name}" for n in node.names]):
                        if (ENGINE / (a.replace(".", "/") + ".py")).exists() or (ENGINE / a.replace(".", "/") / "__init__.py").exists():
                            out.add(a)
                            break
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    found, state, stack = [], {}, []

    def visit(n):
        state[n] = "open"
        stack.append(n)
        for m in sorted(graph.get(n, ())):
            if m == n:
                continue
            if state.get(m) == "open":
                found.append(stack[stack.index(m):] + [m])
            elif m not in state:
                visit(m)
        stack.pop()
        state[n] = "done"

    for n in sorted(graph):
        if n not in state:
            visit(n)
    return found


def test_the_engine_has_no_import_cycles():
    graph = imports()
    assert graph["library"] >= {"kinds", "problems"}, graph["library"]  # the scan sees imports
    assert cycles(graph) == []


def test_the_scan_finds_a_cycle_when_there_is_one():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == [["a", "b", "c", "a"]]


def test_only_the_glue_imports_mkdocs():
    users = []
    for path in ENGINE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else []
            if any(n == "mkdocs" or n.startswith("mkdocs.") for n in names):
                users.append(path.name)
    assert sorted(set(users)) == ["mkdocs_glue.py"]


def test_every_kind_is_declared_once_and_read_from_its_record():
    """No module but kinds.py names a kind's folder or catalogue: they come from its record. (Labs
    are left out: "labs" is also the name of a setting.)"""
    from course.kinds import KINDS
    literals = {}
    for k in (k for k in KINDS.values() if k.catalogue):
        for value in (k.folder, k.catalogue, k.tutor.folder if k.tutor else None):
            if value:
                literals[f'"{value}"'] = k.name
    offenders = []
    for path in ENGINE.rglob("*.py"):
        if path.name == "kinds.py":
            continue
        text = path.read_text(encoding="utf-8")
        offenders += [f"{path.name}: {lit}" for lit in literals if lit in text]
    assert offenders == []
