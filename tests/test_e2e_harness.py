"""The browser suite's own rules, checked without a browser."""

import ast
from pathlib import Path

E2E = Path(__file__).parent / "e2e"


def _default_timeout_calls():
    for path in sorted(E2E.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") in {
                "set_default_timeout",
                "set_default_navigation_timeout",
            }:
                yield path.name, node


def test_every_browser_context_waits_the_suites_shared_upper_bound():
    """A context with its own shorter bound fails on a loaded machine where the rest of the suite passes."""
    calls = list(_default_timeout_calls())
    assert calls, "the sweep finds the browser contexts' timeouts"
    wrong = [
        f"{name}:{node.lineno} {ast.unparse(node)}"
        for name, node in calls
        if not (len(node.args) == 1 and isinstance(node.args[0], ast.Name) and node.args[0].id == "ACTION_TIMEOUT_MS")
    ]
    assert not wrong, "\n".join(wrong)
