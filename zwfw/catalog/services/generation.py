"""Replace the catalogue's generation token (see :mod:`zwfw.catalog.models.generation`).

Called inside the transaction of every service that changes what the public catalogue shows
(publish, retire, theme and life-event changes). It is derived state like the search index, so it
writes no audit event of its own: the calling service's event records the change.
"""

from __future__ import annotations

import uuid

from zwfw.core import clock

from ..models import CatalogGeneration


def catalog_generation_bump() -> str:
    """A new token for the catalogue; returns it."""
    token = uuid.uuid4().hex
    now = clock.now()
    if not CatalogGeneration.objects.filter(pk=1).update(token=token, changed_at=now):
        CatalogGeneration.objects.update_or_create(pk=1, defaults={"token": token, "changed_at": now})
    return token
