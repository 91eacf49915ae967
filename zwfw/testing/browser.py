"""The browser harness: Playwright driving Debian's Chromium, axe-core on every visited page.

- ``visit(path)`` opens a page of the live server, asserts the HTTP status and runs axe-core.
- ``axe_check(page)`` runs axe-core on whatever the page shows now (after a click or a submit).
- A guard fails the test if any document the page loaded was not checked by axe-core, so
  "every page the tests visit is checked" holds by construction, not by discipline.
- ``viewport`` fixtures: ``PHONE`` (360 × 740) and ``DESKTOP`` (1366 × 900).

Chromium cannot download its own browser here; it must be Debian's package. Without it the
browser tests skip on a developer machine and fail in CI (CI=true), so CI can never pass by
silently skipping them.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # live_server + ORM in one test

ROOT = Path(__file__).resolve().parent.parent.parent
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1366, "height": 900}
#: WCAG 2.1 A and AA plus axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def _chromium_path() -> str | None:
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def _missing(what: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{what} is missing in CI: .ci/run must install it.")
    pytest.skip(f"{what} is not installed; browser tests skipped (they run in CI).")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    path = _chromium_path()
    if path is None:
        _missing("Debian's chromium package")
    return {
        **browser_type_launch_args,
        "executable_path": path,
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    # bypass_csp: our CSP forbids inline scripts, which is how axe-core is injected.
    return {**browser_context_args, "bypass_csp": True, "locale": "zh-CN", "viewport": DESKTOP}


class AxeViolations(AssertionError):
    pass


def _format(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        targets = [", ".join(n.get("target", [])) for n in v.get("nodes", [])][:5]
        lines.append(f"- {v['id']} ({v.get('impact')}): {v.get('help')} → {targets}")
    return "\n".join(lines)


#: What axe-core's verdict on a document depends on: the viewport and the emulated media (print, colour scheme,
#: forced colours, …: they switch CSS rules), the markup (CSRF tokens aside: they change on every response and never
#: matter to accessibility), the form controls' state and the focused element. The site's CSS and scripts are the
#: same files for the whole run.
_DOCUMENT_STATE_JS = """() => {
  const root = document.documentElement.cloneNode(true);
  root.querySelectorAll('input[name="csrfmiddlewaretoken"]').forEach(e => e.removeAttribute('value'));
  root.querySelectorAll('script:not([src])').forEach(e => { if (e.textContent.length > 100000) e.remove(); });
  const controls = Array.from(document.querySelectorAll('input:not([name="csrfmiddlewaretoken"]), select, textarea'),
    e => (e.type === 'checkbox' || e.type === 'radio') ? String(e.checked) : e.value);
  const active = document.activeElement;
  const focused = active && active !== document.body ? active.outerHTML.slice(0, 2000) : '';
  const media = ['print', '(prefers-color-scheme: dark)', '(forced-colors: active)', '(prefers-contrast: more)',
    '(prefers-reduced-motion: reduce)'].map(q => matchMedia(q).matches);
  return JSON.stringify([innerWidth, innerHeight, devicePixelRatio, media, root.outerHTML, controls, focused]);
}"""
#: Documents (by :data:`_DOCUMENT_STATE_JS`) that axe-core found free of violations in this test process.
_PASSED: set[str] = set()


def axe_preload(context: Any) -> None:
    """Load axe-core into every document of ``context`` as it is created (instead of once per check)."""
    if not AXE_JS.exists():
        _missing("node_modules/axe-core (run `npm ci`)")
    context.add_init_script(path=str(AXE_JS))


def axe_check(page: Any) -> None:
    """Run axe-core on the current document; fail with a readable list of violations.

    A document exactly like one that already passed in this process (same viewport, emulated media, markup, control
    state and focus) is not analysed again: the verdict would be the same. Every visited page is still checked.
    """
    if not AXE_JS.exists():
        _missing("node_modules/axe-core (run `npm ci`)")
    page.wait_for_load_state("load")
    state = hashlib.sha256(page.evaluate(_DOCUMENT_STATE_JS).encode()).hexdigest()
    checked = page.context._zwfw_axe_checked  # type: ignore[attr-defined]
    if state in _PASSED:
        checked.add(page.url)
        return
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )
    checked.add(page.url)
    violations = result["violations"]
    if violations:
        raise AxeViolations(f"axe-core found {len(violations)} violation(s) on {page.url}:\n{_format(violations)}")
    _PASSED.add(state)


@pytest.fixture
def axe_guard(page: Any) -> Iterator[None]:
    """Fail the test if the page loaded a document that axe-core never checked."""
    loaded: list[str] = []
    axe_preload(page.context)
    page.context._zwfw_axe_checked = set()  # type: ignore[attr-defined]
    page.on("load", lambda p: loaded.append(p.url))
    yield
    unchecked = [u for u in dict.fromkeys(loaded) if u not in page.context._zwfw_axe_checked]  # type: ignore[attr-defined]
    if unchecked:
        pytest.fail("pages loaded but never checked with axe_check(): " + ", ".join(unchecked))


@pytest.fixture
def visit(page: Any, live_server: Any, axe_guard: None) -> Callable[..., Any]:
    """``visit("/path/", status=200)`` → the page, after checking status and accessibility."""

    def _visit(path: str, *, status: int = 200) -> Any:
        response = page.goto(live_server.url + path)
        assert response is not None, f"no response for {path}"
        assert response.status == status, f"{path}: HTTP {response.status}, expected {status}"
        axe_check(page)
        return page

    return _visit


def login_through_form(page: Any, live_server: Any, username: str, password: str) -> None:
    """Log in with the real login form (checked with axe-core on the way).

    Staff (kind 工作人员 or any active role) use ``/staff/login/`` and then the TOTP step with
    :func:`zwfw.identity.tests.factories.totp_code`; persons use ``/login/`` with their mobile number,
    or their username when the account has none.
    """
    from zwfw.identity.models import User
    from zwfw.identity.services.security import is_staff_account

    user = User.objects.get(username=username)
    if is_staff_account(user):
        staff_login_through_form(page, live_server, user, password)
        return
    page.goto(live_server.url + "/login/")
    axe_check(page)
    page.get_by_label("手机号码").fill(user.mobile or user.username)
    page.get_by_label("密码", exact=True).fill(password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_load_state("load")
    axe_check(page)


def staff_login_through_form(page: Any, live_server: Any, user: Any, password: str) -> None:
    """Username and password at ``/staff/login/``, then the TOTP code (axe-core on every page)."""
    from zwfw.identity.tests.factories import totp_code

    page.goto(live_server.url + "/staff/login/")
    axe_check(page)
    page.get_by_label("用户名").fill(user.username)
    page.get_by_label("密码", exact=True).fill(password)
    page.get_by_role("button", name="下一步").click()
    page.wait_for_load_state("load")
    axe_check(page)
    if "/2fa/authenticate/" in page.url:
        page.get_by_label("动态口令").fill(totp_code(user))
        page.get_by_role("button", name="登录").click()
        page.wait_for_load_state("load")
        axe_check(page)
