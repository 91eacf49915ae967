"""Support of the story browser tests (SCENARIOS.md stories 2–4 and the full walk): the real county and items.

- :func:`story_county` — the county's structure as ``seed_jingtai`` loads it (regions, agencies with their
  real codes, the county hall and the township centres with their windows) under the test personas, and the
  story items of the demonstration catalogue (``zwfw.catalog.data.jingtai_items``: processes, forms, joint
  stages) published through the catalogue services — so the tests run on the real demonstration items;
- :class:`Browser` — one browser context per person (a phone or a PC), each logged in once through the real
  forms; every page any of them loads must be checked with axe-core (the same guard as ``visit``);
- :func:`go` — click something that loads a new document and check that document with axe-core.
"""

from __future__ import annotations

from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from zwfw.catalog.data.classifications import LIFE_EVENTS, THEMES
from zwfw.catalog.data.jingtai_items import ITEMS
from zwfw.catalog.models import ItemVersion
from zwfw.demo.catalog import catalog_seed
from zwfw.identity.tests.factories import TEST_PASSWORD
from zwfw.testing.browser import DESKTOP, axe_check, axe_preload, login_through_form

#: A one-page PDF (content-checked uploads accept it).
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def story_county(*names: str) -> dict[str, ItemVersion]:
    """The county's structure (after the personas) and the named demonstration items, published."""
    call_command("seed_jingtai", "--no-catalog", "--no-demo-users", stdout=StringIO())
    entries = [entry for entry in ITEMS if entry["data"]["name"] in names]
    assert len(entries) == len(names), names
    catalog_seed(items=entries, themes=THEMES, life_events=LIFE_EVENTS)
    return {name: ItemVersion.objects.get(name=name, item__published_version__name=name) for name in names}


def go(page: Any, click: Any) -> Any:
    """Click something that loads a new document, then check that document with axe-core."""
    with page.expect_navigation():
        click()
    axe_check(page)
    return page


def pdf_for(name: str) -> dict[str, Any]:
    return {"name": f"{name}.pdf", "mimeType": "application/pdf", "buffer": PDF}


class Browser:
    """Pages in their own contexts (one device or person each), logged in once through the real forms."""

    def __init__(self, browser: Any, context_args: dict[str, Any], live_server: Any) -> None:
        self.browser = browser
        self.context_args = context_args
        self.live_server = live_server
        self.contexts: list[tuple[Any, list[str]]] = []

    def page(self, viewport: dict[str, int] = DESKTOP) -> Any:
        context = self.browser.new_context(**{**self.context_args, "viewport": viewport})
        axe_preload(context)
        context._zwfw_axe_checked = set()
        loaded: list[str] = []
        page = context.new_page()
        page.set_default_timeout(15000)
        page.on("load", lambda p: loaded.append(p.url))
        self.contexts.append((context, loaded))
        return page

    def as_user(self, user: Any, viewport: dict[str, int] = DESKTOP) -> Any:
        page = self.page(viewport)
        login_through_form(page, self.live_server, user.username, TEST_PASSWORD)
        return page

    def open(self, page: Any, path: str) -> Any:
        response = page.goto(self.live_server.url + path)
        assert response is not None and response.status == 200, (path, response and response.status)
        axe_check(page)
        return page

    def staff_case(self, page: Any, number: str) -> Any:
        """From the staff inbox to the case page (待办, else 在办: a step claimed by the user, else 已办)."""
        for tab in ("todo", "doing", "done"):
            self.open(page, f"/staff/cases/?tab={tab}")
            link = page.get_by_role("link", name=number, exact=True)
            if link.count():
                return go(page, link.first.click)
        raise AssertionError(f"{number} is in none of the inbox's tabs")

    def unchecked(self) -> list[str]:
        return [
            url
            for context, loaded in self.contexts
            for url in dict.fromkeys(loaded)
            if url not in context._zwfw_axe_checked
        ]

    def close(self) -> None:
        for context, _loaded in self.contexts:
            context.close()


@pytest.fixture
def people_browser(browser: Any, browser_context_args: dict[str, Any], live_server: Any) -> Iterator[Browser]:
    """A :class:`Browser`; fails the test if any page its contexts loaded was not checked with axe-core."""
    devices = Browser(browser, browser_context_args, live_server)
    yield devices
    unchecked = devices.unchecked()
    devices.close()
    if unchecked:
        pytest.fail("pages loaded but never checked with axe_check(): " + ", ".join(unchecked))
