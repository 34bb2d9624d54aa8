"""The architecture is visible in the tree, and the code keeps to it.

Layers only use layers below them: model ← text ← kb ← {ingest, entities} ← extract ← pipeline ←
engines ← cli / web; store and eval sit beside (docs/architecture.md). Every import counts,
including imports inside functions, so a lazy import cannot hide a cycle.
"""

from __future__ import annotations

import ast
from importlib import resources
from pathlib import Path

import pytest

ROOT = Path(str(resources.files("khabar")))
BELOW = {
    "model": set(),
    "text": {"model"},
    "kb": {"model", "text"},
    "ingest": {"model", "text", "kb"},
    "entities": {"model", "text", "kb"},
    "extract": {"model", "text", "kb", "entities"},
    "stories": {"model", "text", "kb", "entities", "extract"},
    "pipeline": {"model", "text", "kb", "ingest", "entities", "extract", "stories"},
    "store": {"model", "text", "kb"},
    "engines": {"model", "text", "kb", "ingest", "entities", "extract", "stories", "pipeline", "store"},
    "eval": {"model", "text", "kb", "ingest", "entities", "extract", "stories", "pipeline", "store"},
    "web": {"model", "text", "kb", "extract", "stories", "store"},
    "cli": {"model", "text", "kb", "ingest", "entities", "extract", "stories", "pipeline", "store", "engines",
            "eval", "web"},
}
BELOW["__main__"] = {"cli"}


def _layer(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "khabar" or len(parts) == 1:
        return None  # khabar/__init__ is the public API: it may import anything, nothing imports it
    return parts[1]


def _modules() -> dict[str, Path]:
    out = {}
    for p in ROOT.rglob("*.py"):
        rel = p.relative_to(ROOT.parent).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = p
    return out


def _imports(module: str, path: Path) -> set[str]:
    is_pkg = path.name == "__init__.py"
    pkg = module.split(".") if is_pkg else module.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("khabar")}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = pkg[: len(pkg) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("khabar"):
                continue
            found.add(target)
            for a in node.names:  # «from . import dates» imports a module
                found.add(f"{target}.{a.name}")
    return found


MODULES = _modules()


def test_the_layers_are_packages():
    for layer in ("text", "kb", "ingest", "entities", "extract", "stories", "store", "engines", "cli", "eval"):
        assert (ROOT / layer / "__init__.py").exists(), layer
    top = sorted(p.name for p in ROOT.glob("*.py"))
    assert top == ["__init__.py", "__main__.py", "model.py", "pipeline.py"], top


@pytest.mark.parametrize("module", sorted(m for m in MODULES if _layer(m)))
def test_imports_only_run_down_the_layers(module):
    mine = _layer(module)
    bad = []
    for target in _imports(module, MODULES[module]):
        other = _layer(target)
        if target not in MODULES and target.rsplit(".", 1)[0] in MODULES:
            target = target.rsplit(".", 1)[0]  # a name imported from a module
            other = _layer(target)
        if other is None or other == mine:
            continue
        if other not in BELOW.get(mine, set()):
            bad.append(f"{module} → {target} ({mine} may use only {sorted(BELOW.get(mine, set()))})")
    assert not bad, "\n".join(bad)


def test_no_import_cycle_between_modules():
    graph = {m: {t if t in MODULES else t.rsplit(".", 1)[0] for t in _imports(m, p)} & MODULES.keys()
             for m, p in MODULES.items()}
    graph = {m: {t for t in ts if t != m and not m.startswith(t + ".") and _layer(t)} for m, ts in graph.items()}
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> None:
        state[m] = 1
        stack.append(m)
        for t in sorted(graph.get(m, ())):
            if state.get(t) == 1:
                cyc = stack[stack.index(t):] + [t]
                raise AssertionError("import cycle: " + " → ".join(cyc))
            if not state.get(t):
                visit(t)
        stack.pop()
        state[m] = 2

    for m in sorted(graph):
        if not state.get(m):
            visit(m)


def test_functions_are_small():
    long = []
    for module, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                n = node.end_lineno - node.lineno + 1
                if n > 80:
                    long.append(f"{module}.{node.name}: {n} lines")
    assert not long, "\n".join(long)


def test_public_api():
    import khabar

    assert callable(khabar.analyze) and callable(khabar.open_store)
    assert khabar.Pipeline is not None
    assert set(khabar.__all__) >= {"analyze", "Pipeline", "open_store"}
