"""Writes of the portal's classifications: themes (主题) and life events (生命周期事件).

Maintained by the county office (operator). Upserts compare before writing, so loading the same
data twice writes nothing (no ``updated_at``, no audit event).
"""

from __future__ import annotations

from typing import Any, Literal

from django.db import transaction

from zwfw.core.services.audit import audit_record

from ..models import LifeEvent, Theme
from .generation import catalog_generation_bump

Outcome = Literal["created", "updated", "unchanged"]


def _upsert(model: type[Theme] | type[LifeEvent], *, actor: Any, code: str, values: dict[str, Any], action: str):
    with transaction.atomic():
        obj = model.objects.select_for_update().filter(code=code).first()
        if obj is None:
            obj = model(code=code, **values)
            obj.full_clean()
            obj.stamp(actor)
            obj.save()
            audit_record(actor=actor, action=f"{action}.create", obj=obj, detail={"code": code, **values})
            catalog_generation_bump()  # the browse pages' facets list every theme and life event
            return obj, "created"
        changes = {k: v for k, v in values.items() if getattr(obj, k) != v}
        if not changes:
            return obj, "unchanged"
        for key, value in changes.items():
            setattr(obj, key, value)
        obj.full_clean()
        obj.stamp(actor)
        obj.save()
        audit_record(actor=actor, action=f"{action}.update", obj=obj, detail={"code": code, "changes": changes})
        catalog_generation_bump()
        return obj, "updated"


def theme_upsert(*, actor: Any, code: str, name: str, audience: str, sort_order: int = 0) -> tuple[Theme, Outcome]:
    values = {"name": name, "audience": audience, "sort_order": sort_order}
    return _upsert(Theme, actor=actor, code=code, values=values, action="theme")


def life_event_upsert(
    *, actor: Any, code: str, name: str, audience: str, sort_order: int = 0
) -> tuple[LifeEvent, Outcome]:
    values = {"name": name, "audience": audience, "sort_order": sort_order}
    return _upsert(LifeEvent, actor=actor, code=code, values=values, action="life_event")
