"""The layout's rules, checked on the source: no import cycle, a leaf workflow module, apps that stay apart."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("newsroom", "articles", "comments")


def _modules():
    """{dotted name: path} of every module of ours, migrations included (they import our code too)."""
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


MODULES = _modules()


def _imports(name, path):
    """The modules of ours that ``name`` imports anywhere in its file, inside functions too."""
    tree = ast.parse(path.read_text(), filename=str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            targets.add(base)
            targets.update(f"{base}.{alias.name}" for alias in node.names)
    # "from . import services" names a module; "from .models import Article" names a module's attribute.
    return {target for target in targets if target in MODULES and target != name}


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _cycles(graph):
    """Strongly connected components with more than one module (Tarjan's algorithm)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def _is_package(name):
    return MODULES[name].name == "__init__.py"


def test_our_modules_import_each_other_without_a_cycle():
    # A package's __init__ is where Python starts; it may gather its modules, which is not a cycle.
    graph = {
        name: {target for target in targets if not (_is_package(target) and name.startswith(target + "."))}
        for name, targets in GRAPH.items()
    }
    assert _cycles(graph) == []


def test_cycle_finder_finds_a_planted_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_workflow_vocabulary_imports_nothing_of_ours():
    assert GRAPH["articles.stories.workflow"] == set()


def test_shared_utilities_import_neither_app():
    for name, targets in GRAPH.items():
        if name.startswith("newsroom.common"):
            assert not {t for t in targets if t.startswith(("articles", "comments"))}, name


def test_comments_use_only_the_public_face_of_articles():
    """Comments need the Article model, the page purge and the stored pages' registry and forgetting, never
    the story app's internals or utilities."""
    allowed = {
        "articles",
        "articles.models",
        "articles.site",
        "articles.site.page_cache",
        "articles.site.stored_pages",
    }
    for name, targets in GRAPH.items():
        if name.startswith("comments"):
            assert {t for t in targets if t.startswith("articles")} <= allowed, name


def test_articles_never_import_comments():
    # The demo loader is the exception: it seeds a paper whose stories have readers' comments.
    for name, targets in GRAPH.items():
        if name.startswith("articles") and not name.startswith("articles.demo"):
            assert not {t for t in targets if t.startswith("comments")}, name


@pytest.mark.parametrize("package", PACKAGES)
def test_every_module_imports_after_setup(package):
    """Every module of a package imports in a fresh interpreter once Django is set up (the cycle test
    above reads the source; this one runs it, in reverse order so a module is seldom pre-imported)."""
    names = sorted(
        (name for name in MODULES if name.split(".")[0] == package and ".migrations." not in name),
        reverse=True,
    )
    script = (
        "import importlib, os, sys\n"
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'newsroom.settings')\n"
        "import django\n"
        "django.setup()\n"
        "for name in sys.argv[1:]:\n"
        "    importlib.import_module(name)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, *names], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
