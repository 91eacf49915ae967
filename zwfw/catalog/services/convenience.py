"""Writes of the 便民服务 navigation (convenience services), maintained by the county office.

- :func:`convenience_service_upsert` creates or updates one entry by its code, comparing before
  writing: loading the same data twice writes nothing (no ``updated_at``, no audit event).
- :func:`convenience_service_deactivate` takes an entry off the portal (kept, audited, reversible
  by an upsert with ``is_active=True``).

Who: the county office's 平台运营人员 (``catalog.manage_convenience``; their screens are
``views/convenience.py`` at /staff/catalog/convenience/) or the system (``actor=None``: the demo
loader). The search index is refreshed after commit (derived data; ``manage.py search_rebuild``
repairs it).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from zwfw.core.services.audit import audit_record
from zwfw.org.models import Agency

from ..models import ConvenienceService, LifeEvent
from ._common import Actor, refusals_audited, require_perm

Outcome = Literal["created", "updated", "unchanged"]

#: The operator's permission (县政府办公室 平台运营人员); see ``zwfw.catalog.rules``.
MAINTAIN_PERM = "catalog.manage_convenience"
_NOT_ALLOWED = _("只有县政府办公室的平台运营人员可以维护便民服务。")


def _life_events(codes: Iterable[str]) -> list[LifeEvent]:
    codes = list(dict.fromkeys(c for c in codes if c))
    found = {e.code: e for e in LifeEvent.objects.filter(code__in=codes)}
    missing = [c for c in codes if c not in found]
    if missing:
        raise ValidationError(
            {"life_events": _("生命周期事件不存在：%(codes)s。") % {"codes": "、".join(missing)}}, code="life_event"
        )
    return [found[c] for c in codes]


def _audit_value(value: Any) -> Any:
    return value.pk if isinstance(value, Agency) else value


def _search_refresh_after_commit(service_id: int) -> None:
    def refresh() -> None:
        from ..search.convenience import convenience_search_document_refresh

        convenience_search_document_refresh(ConvenienceService.objects.get(pk=service_id))

    transaction.on_commit(refresh, robust=True)


def convenience_service_upsert(
    *,
    actor: Actor,
    code: str,
    name: str,
    category: str,
    audience: str = "",
    description: str = "",
    keywords: str = "",
    agency: Agency | None = None,
    provider: str = "",
    url: str = "",
    is_external: bool = False,
    phone: str = "",
    address: str = "",
    hours: str = "",
    sort_order: int = 0,
    life_event_codes: Iterable[str] = (),
    is_active: bool | None = None,
) -> tuple[ConvenienceService, Outcome]:
    """Create or update the entry ``code``. ``is_active`` None keeps it as it is (new entries are active)."""
    values: dict[str, Any] = {
        "name": (name or "").strip(),
        "category": category,
        "audience": audience or "",
        "description": (description or "").strip(),
        "keywords": " ".join((keywords or "").split()),
        "agency": agency,
        "provider": (provider or "").strip(),
        "url": (url or "").strip(),
        "is_external": bool(is_external),
        "phone": (phone or "").strip(),
        "address": (address or "").strip(),
        "hours": (hours or "").strip(),
        "sort_order": sort_order,
    }
    with refusals_audited(actor=actor, action="convenience_service.upsert", code=code), transaction.atomic():
        require_perm(actor, MAINTAIN_PERM, str(_NOT_ALLOWED))
        events = _life_events(life_event_codes)
        obj = ConvenienceService.objects.select_for_update().filter(code=code).first()
        if obj is None:
            obj = ConvenienceService(code=code, is_active=True if is_active is None else is_active, **values)
            obj.full_clean()
            obj.stamp(actor)
            obj.save()
            obj.life_events.set(events)
            audit_record(
                actor=actor,
                action="convenience_service.create",
                obj=obj,
                detail={
                    "code": code,
                    **{k: _audit_value(v) for k, v in values.items()},
                    "life_events": [e.code for e in events],
                    "is_active": obj.is_active,
                },
            )
            _search_refresh_after_commit(obj.pk)
            return obj, "created"

        if is_active is not None:
            values["is_active"] = is_active
        changes = {k: v for k, v in values.items() if getattr(obj, k) != v}
        old_events = sorted(obj.life_events.values_list("code", flat=True))
        new_events = sorted(e.code for e in events)
        if not changes and old_events == new_events:
            return obj, "unchanged"
        for key, value in changes.items():
            setattr(obj, key, value)
        obj.full_clean()
        obj.stamp(actor)
        obj.save()
        detail = {"code": code, "changes": {k: _audit_value(v) for k, v in changes.items()}}
        if old_events != new_events:
            obj.life_events.set(events)
            detail["life_events"] = {"from": old_events, "to": new_events}
        audit_record(actor=actor, action="convenience_service.update", obj=obj, detail=detail)
        _search_refresh_after_commit(obj.pk)
        return obj, "updated"


def convenience_service_deactivate(*, actor: Actor, service: ConvenienceService) -> ConvenienceService:
    """Take the entry off the portal and out of search. Already inactive: nothing is written."""
    with (
        refusals_audited(actor=actor, action="convenience_service.deactivate", obj=service),
        transaction.atomic(),
    ):
        require_perm(actor, MAINTAIN_PERM, str(_NOT_ALLOWED))
        locked = ConvenienceService.objects.select_for_update().get(pk=service.pk)
        if locked.is_active:
            locked.is_active = False
            locked.stamp(actor)
            locked.save(update_fields=["is_active", "updated_at", "updated_by"])
            audit_record(actor=actor, action="convenience_service.deactivate", obj=locked, detail={"code": locked.code})
            _search_refresh_after_commit(locked.pk)
    service.is_active = locked.is_active
    service.updated_at, service.updated_by_id = locked.updated_at, locked.updated_by_id
    return service
