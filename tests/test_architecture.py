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
    {"conversations", "backoffice", "signing", "digid"},
    {"afschrift", "ecd_import"},
    {"dossier_pages"},
    {"demo"},
]
WIRING = {"cms"}
LAYER_OF = {app: number for number, layer in enumerate(LAYERS) for app in layer}
APPS = set(LAYER_OF) | WIRING


def imports_of(app):
    """(file, line, imported app, imported names) for every import of another project app in `app`."""
    for path in sorted((ROOT / app).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules, names = [node.module], [alias.name for alias in node.names]
            elif isinstance(node, ast.Import):
                modules, names = [alias.name for alias in node.names], []
            else:
                continue
            for module in modules:
                target = module.split(".")[0]
                if target in APPS and target != app:
                    yield path.relative_to(ROOT), node.lineno, target, names


def test_every_project_app_is_in_a_layer_and_in_the_readme():
    packages = {path.parent.name for path in ROOT.glob("*/apps.py")} | {"lib"}
    assert packages - APPS == set(), "put the new app in LAYERS"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert [app for app in sorted(APPS) if f"| `{app}/` |" not in readme] == [], "describe the app in the README"


@pytest.mark.parametrize("app", sorted(LAYER_OF))
def test_an_app_imports_only_apps_of_lower_layers(app):
    upward = [
        f"{path}:{line} imports {target}"
        for path, line, target, _names in imports_of(app)
        if target in WIRING or LAYER_OF[target] >= LAYER_OF[app]
    ]
    assert upward == []


def private_uses_of(app):
    """Another app's `_private` names that `app` imports, or reads as attributes of a module it imported."""
    for path in sorted((ROOT / app).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        modules = {}  # local name -> the other app's module it stands for
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                target = node.module.split(".")[0]
                if target in APPS and target != app:
                    for alias in node.names:
                        if alias.name.startswith("_"):
                            yield f"{path.relative_to(ROOT)}:{node.lineno} takes {alias.name} from {node.module}"
                        modules[alias.asname or alias.name] = f"{node.module}.{alias.name}"
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.split(".")[0] in APPS - {app}:
                        modules[alias.asname or alias.name.split(".")[0]] = alias.name
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in modules
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
            ):
                yield f"{path.relative_to(ROOT)}:{node.lineno} reads {modules[node.value.id]}.{node.attr}"


@pytest.mark.parametrize("app", sorted(APPS))
def test_no_app_uses_another_apps_private_names(app):
    assert list(private_uses_of(app)) == []
