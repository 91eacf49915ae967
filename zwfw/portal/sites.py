"""The site cluster (网站群): the county portal and one sub-site per active agency.

There is no SubSite model: a sub-site *is* an active :class:`~zwfw.org.models.Agency`, addressed
by its slug under ``/xz/`` (township governments) or ``/bm/`` (every other agency). A
:class:`Site` is what the shared shell needs to draw a page: the name in the header, the home
link, and the navigation (首页 + the three themes) scoped to that site.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from zwfw.org.models import Agency

from .choices import MainTheme, SubSiteKind

#: One line under each theme's name, on the home page and on the theme page.
THEME_DESCRIPTIONS: dict[str, Promise] = {
    MainTheme.XZSP: _("行政许可、行政确认等行政权力事项的办事指南、网上申报和进度查询。"),
    MainTheme.BMFW: _("社会保障、民政、户籍、医疗等公共服务事项和便民服务。"),
    MainTheme.YGZW: _("行政权力清单、部门责任清单、收费清单、财政专项资金和扶贫专项等政务公开信息。"),
}


@dataclass(frozen=True)
class NavItem:
    key: str  # "home" or a MainTheme value; the view's ``nav_current`` marks it aria-current
    label: str | Promise
    url: str


def subsite_kind(agency: Agency) -> str:
    """``xz`` for a township government, ``bm`` for every other agency."""
    return SubSiteKind.TOWNSHIP if agency.is_township else SubSiteKind.DEPARTMENT


def subsite_url(agency: Agency) -> str:
    return reverse("portal:subsite", kwargs={"kind": subsite_kind(agency), "slug": agency.slug})


@dataclass(frozen=True)
class Site:
    """The county portal (``agency=None``) or the sub-site of ``agency``."""

    agency: Agency | None = None

    @property
    def is_county(self) -> bool:
        return self.agency is None

    @property
    def kind(self) -> str:
        return "" if self.agency is None else subsite_kind(self.agency)

    @property
    def kind_label(self) -> str | Promise:
        if self.agency is None:
            return ""
        return _("乡镇子站") if self.agency.is_township else _("部门子站")

    @property
    def name(self) -> str:
        return settings.ZWFW_SITE_NAME if self.agency is None else self.agency.name

    @cached_property
    def home_url(self) -> str:
        return reverse("portal:home") if self.agency is None else subsite_url(self.agency)

    def theme_url(self, theme: str) -> str:
        if self.agency is None:
            return reverse("portal:theme", kwargs={"theme": theme})
        return reverse("portal:subsite_theme", kwargs={"kind": self.kind, "slug": self.agency.slug, "theme": theme})

    @cached_property
    def nav(self) -> list[NavItem]:
        home_label = _("首页") if self.agency is None else _("本站首页")
        items = [NavItem("home", home_label, self.home_url)]
        items += [NavItem(theme.value, theme.label, self.theme_url(theme.value)) for theme in MainTheme]
        return items

    @cached_property
    def themes(self) -> list[dict[str, object]]:
        """The three themes with their descriptions and this site's URLs (for cards)."""
        return [
            {
                "key": t.value,
                "label": t.label,
                "description": THEME_DESCRIPTIONS[t],
                "url": self.theme_url(t.value),
            }
            for t in MainTheme
        ]
