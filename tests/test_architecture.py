"""The dependency arrows of ARCHITECTURE.md, enforced on the source.

A domain may import another domain only where ARCHITECTURE.md draws an arrow, and then only its
public surface: ``services`` (writes), ``selectors`` (reads), ``choices``/``constants`` (codes) and
``models`` (for foreign keys and type hints). core imports no domain. Tests and the demo loader
are exempt from the surface rule (they build fixtures through factories).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ZWFW = ROOT / "zwfw"

ALL = {
    "core",
    "org",
    "identity",
    "catalog",
    "lists",
    "openinfo",
    "cases",
    "workflow",
    "supervision",
    "licences",
    "exchange",
    "portal",
    "notify",
}
ALLOWED: dict[str, set[str]] = {
    "core": set(),
    "org": {"core"},
    "identity": {"core", "org", "notify"},
    "notify": {"core"},
    "workflow": {"core", "org"},
    # catalog's process definitions use the workflow vocabulary and its process check (ADR 0017).
    "catalog": {"core", "org", "workflow"},
    # The five lists and open information register search sources with catalog.search (ADR 0014).
    "lists": {"core", "org", "catalog"},
    "openinfo": {"core", "org", "catalog"},
    "licences": {"core", "org", "identity"},
    "cases": {"core", "org", "identity", "catalog", "workflow", "notify", "licences"},
    "supervision": {"core", "org", "catalog", "lists", "cases", "notify"},
    "exchange": ALL,
    "portal": ALL,
    "demo": ALL,
    "testing": ALL | {"demo"},
}
PUBLIC_SURFACE = {
    "services",
    "selectors",
    "choices",
    "constants",
    "models",
    "rules",
    "staff_session",
    "search",
    # workflow's engine: stage planning and join rules, the legal clock (ADR 0017)
    "stages",
    "clock",
    # identity's assurance_required: a view that needs a real-name level
    "decorators",
    # identity's user-centre registry (sections added by later apps)
    "account_sections",
    # org's GB 32100 check of a 统一社会信用代码 (used by identity for organisations)
    "uscc",
}


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
    return found


def _violations() -> list[str]:
    problems = []
    for path in sorted(ZWFW.rglob("*.py")):
        rel = path.relative_to(ZWFW)
        app = rel.parts[0]
        if app not in ALLOWED or "migrations" in rel.parts:
            continue
        is_test = "tests" in rel.parts
        for lineno, module in _imports(path):
            parts = module.split(".")
            if parts[0] != "zwfw" or len(parts) < 2 or parts[1] == app:
                continue
            target = parts[1]
            if target == "testing" and is_test:
                continue
            if target not in ALLOWED[app] and not (is_test and target in ALLOWED):
                problems.append(f"zwfw/{rel}:{lineno} imports {module}: no arrow {app} → {target}")
                continue
            exempt = is_test or app in {"demo", "testing"} or target == "core"
            if not exempt and (len(parts) < 3 or parts[2] not in PUBLIC_SURFACE):
                problems.append(f"zwfw/{rel}:{lineno} imports {module}: use {target}'s services/selectors")
    return problems


def test_every_app_is_on_the_map():
    apps = {p.parent.name for p in ZWFW.glob("*/apps.py")}
    assert apps <= set(ALLOWED), f"add {apps - set(ALLOWED)} to ALLOWED and to ARCHITECTURE.md"
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    for app in apps:
        assert f"`{app}`" in text, f"ARCHITECTURE.md does not describe the app {app}"


def test_imports_follow_the_dependency_arrows():
    assert _violations() == []


def test_the_checker_catches_a_forbidden_arrow(tmp_path, monkeypatch):
    fake = tmp_path / "zwfw"
    (fake / "core").mkdir(parents=True)
    (fake / "core" / "bad.py").write_text("from zwfw.org.models import Agency\n", encoding="utf-8")
    (fake / "org").mkdir()
    (fake / "org" / "bad.py").write_text("from zwfw.identity.views import x\n", encoding="utf-8")
    monkeypatch.setattr(__import__(__name__, fromlist=["ZWFW"]), "ZWFW", fake)
    found = _violations()
    assert any("no arrow core → org" in p for p in found)
    assert any("no arrow org → identity" in p for p in found)
