"""The package's shape: no import cycles among its modules, short functions, every stage a folder."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from zhspeech import config

PACKAGE = config.PACKAGE_DIR
MAX_FUNCTION_LINES = 60


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST):
    """Import statements anywhere in the module (inside functions too), leaving out TYPE_CHECKING blocks."""
    stack = [tree]
    while stack:
        node = stack.pop()
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                stack.extend(child.orelse)
                continue
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                yield child
            stack.append(child)


def _targets(name: str, path: Path, node: ast.Import | ast.ImportFrom, modules: dict[str, Path]) -> set[str]:
    """The modules of the package an import statement loads (its own code, not the parents Python runs first)."""
    if isinstance(node, ast.Import):
        return {alias.name for alias in node.names if alias.name in modules}
    if node.level:
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for _ in range(node.level - 1):
            package = package.rpartition(".")[0]
        base = f"{package}.{node.module}" if node.module else package
    else:
        base = node.module or ""
    if base not in modules:
        return set()
    found = set()
    for alias in node.names:
        child = f"{base}.{alias.name}"
        found.add(child if child in modules else base)
    return found


def import_graph() -> dict[str, set[str]]:
    """Module → modules it imports, with a package's imports of its own children left out (re-exports)."""
    modules = _modules()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        edges: set[str] = set()
        for node in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            edges |= _targets(name, path, node, modules)
        if path.name == "__init__.py":
            edges = {e for e in edges if not e.startswith(name + ".")}
        graph[name] = edges - {name}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of ``graph`` as a list of modules (first = last), or None."""
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt) :] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        state[node] = 2
        path.pop()
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_the_graph_sees_imports_inside_functions_and_skips_type_checking():
    graph = import_graph()
    assert "zhspeech.tokens.pipeline" in graph["zhspeech.text.model"]  # Speech.tokens imports it when called
    assert "zhspeech.text.model" not in graph["zhspeech.tokens.pipeline"]  # only under TYPE_CHECKING
    assert "zhspeech.text.read" not in graph["zhspeech.text"]  # a package re-exporting its children


def test_the_cycle_finder_finds_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycles():
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " → ".join(cycle or [])


def test_no_function_longer_than_a_screen():
    long = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    long.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {node.name} ({lines} lines)")
    assert not long, "functions over 60 lines: " + "; ".join(long)


@pytest.mark.parametrize(
    "stage", ["text", "tokens", "textstat", "themes", "rhetoric", "textplot", "corpus", "explore", "report", "cli"]
)
def test_each_stage_is_a_folder_with_its_tests(stage):
    assert (PACKAGE / stage / "__init__.py").is_file()
    assert list((config.PROJ_ROOT / "tests" / stage).glob("test_*.py")), f"tests/{stage}/ has no tests"


def test_the_model_imports_no_other_stage():
    graph = import_graph()
    others = {e for e in graph["zhspeech.text.model"] if not e.startswith("zhspeech.text")}
    assert others == {"zhspeech.tokens.pipeline"}  # inside Speech.tokens only, to keep jieba off other paths
