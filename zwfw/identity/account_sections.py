"""The user centre's sections, as a registry later apps add to (我的办件, 我的证照, ...).

An app registers a section in its ``AppConfig.ready()``::

    account_section_register(AccountSection(key="cases", title=_("我的办件"), url_name="cases:mine",
                                            summary=_("提交的申请和办理进度"), order=40))

A section without ``url_name`` is a placeholder: the overview shows its title and summary (what
will come there) without a link. ``visible(user)`` hides a section from some users (for example
我的岗位 for persons). Section pages never carry a user id: they always show the signed-in user.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class AccountSection:
    key: str
    title: str | Promise
    summary: str | Promise
    url_name: str | None = None
    order: int = 100
    visible: Callable[[Any], bool] | None = None


_sections: dict[str, AccountSection] = {}


def account_section_register(section: AccountSection) -> None:
    """Add (or replace, by key) a section."""
    _sections[section.key] = section


def account_sections_for(user: Any) -> list[dict[str, Any]]:
    out = []
    for section in sorted(_sections.values(), key=lambda s: (s.order, s.key)):
        if section.visible is not None and not section.visible(user):
            continue
        out.append(
            {
                "key": section.key,
                "title": section.title,
                "summary": section.summary,
                "url": reverse(section.url_name) if section.url_name else None,
            }
        )
    return out


def _is_staff(user: Any) -> bool:
    return user.has_perm("portal.use_staff_shell")


def register_identity_sections() -> None:
    for section in (
        AccountSection("profile", _("个人资料"), _("姓名、证件号码、手机号码"), "identity:account_profile", 10),
        AccountSection("level", _("实名等级"), _("当前等级及如何提升"), "identity:account_level", 20),
        AccountSection(
            "organisations",
            _("我代办的单位"),
            _("代办的单位、角色，切换办事身份"),
            "identity:account_organisations",
            30,
        ),
        AccountSection(
            "security", _("账号安全"), _("密码、动态口令、登录设备和最近登录"), "identity:account_security", 40
        ),
        AccountSection("cases", _("我的办件"), _("网上申报开通后，您提交的申请和办理进度将在此显示。"), None, 50),
        AccountSection("licences", _("我的证照"), _("电子证照开通后，您的证照将在此显示。"), None, 60),
        AccountSection("posts", _("我的岗位"), _("工作人员在各机构的岗位"), "identity:account_posts", 90, _is_staff),
    ):
        account_section_register(section)
