"""The apps' imports point one way, as the README's architecture section draws them.

Read from the source with `ast` (nothing is imported): every import of one
project app by another, at module level or inside a function, must go to a
lower layer, and no app takes another app's `_private` names. `cms` (settings,
URLs, middleware) wires the apps together and may import any of them.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Lowest first; an app may import only apps of lower layers (and itself).
LAYERS = [
    {"lib"},
    {"dossier", "terms", "home", "search"},
    {"accounts"},
    {"conversations", "backoffice", "signing", "digid", "circle"},
    {"afschrift", "ecd_import"},
    {"dossier_pages"},
    {"demo"},
]
WIRING = {"cms"}
LAYER_OF = {app: number for number, layer in enumerate(LAYERS) for app in layer}
APPS = set(LAYER_OF) | WIRING


def sources(app):
    """(path from the project root, syntax tree) of every module of `app`, its migrations left out."""
    for path in sorted((ROOT / app).rglob("*.py")):
        if "migrations" not in path.parts:
            yield path.relative_to(ROOT), ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def imports_of(app, tree):
    """(line, module, name, local name) for each name `tree` imports from another project app.

    `from a.b import c as d` gives (line, "a.b", "c", "d"); `import a.b` gives (line, "a.b", None, "a").
    """
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found = [(node.module, alias.name, alias.asname or alias.name) for alias in node.names]
        elif isinstance(node, ast.Import):
            found = [(alias.name, None, alias.asname or alias.name.split(".")[0]) for alias in node.names]
        else:
            continue
        for module, name, local in found:
            if module.split(".")[0] in APPS - {app}:
                yield node.lineno, module, name, local


def test_every_project_app_is_in_a_layer_and_in_the_readme():
    packages = {path.parent.name for path in ROOT.glob("*/apps.py")} | {"lib"}
    assert packages - APPS == set(), "put the new app in LAYERS"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert [app for app in sorted(APPS) if f"| `{app}/` |" not in readme] == [], "describe the app in the README"


@pytest.mark.parametrize("app", sorted(LAYER_OF))
def test_an_app_imports_only_apps_of_lower_layers(app):
    upward = [
        f"{path}:{line} imports {module}"
        for path, tree in sources(app)
        for line, module, _name, _local in imports_of(app, tree)
        if (target := module.split(".")[0]) in WIRING or LAYER_OF[target] >= LAYER_OF[app]
    ]
    assert upward == []


def private_uses_of(app):
    """Another app's `_private` names that `app` imports, or reads as attributes of a module it imported."""
    for path, tree in sources(app):
        modules = {}  # local name -> the other app's module (or name) it stands for
        for line, module, name, local in imports_of(app, tree):
            if name is not None and name.startswith("_"):
                yield f"{path}:{line} takes {name} from {module}"
            modules[local] = f"{module}.{name}" if name else module
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in modules
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
            ):
                yield f"{path}:{node.lineno} reads {modules[node.value.id]}.{node.attr}"


@pytest.mark.parametrize("app", sorted(APPS))
def test_no_app_uses_another_apps_private_names(app):
    assert list(private_uses_of(app)) == []
