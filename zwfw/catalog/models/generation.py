"""The catalogue's generation: a token that changes with every write that changes what the public sees.

Pages that list published items (``/xzsp/``, ``/bmfw/``, ``/items/`` and the sub-sites' lists) cache
their facet counts and their rendered lists under this token, so a cache entry is used only while
the catalogue is exactly as it was when the entry was made. The token lives in the database, not in
the cache, because every worker process has to see a change at once: publishing, retiring and
changing a theme or a life event replace it **in the same transaction** as the change, so the first
request after the commit already reads the new token and misses the old entries.

A random token rather than a counter: a counter that a rolled-back transaction takes back could
return to a value that entries were already made under.

Writer: :func:`zwfw.catalog.services.generation.catalog_generation_bump` only.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class CatalogGeneration(models.Model):
    """The single row holding the current generation token."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    token = models.CharField(_("版本标识"), max_length=32, default="initial")
    changed_at = models.DateTimeField(_("变更时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("事项库版本")
        verbose_name_plural = _("事项库版本")
        constraints = [models.CheckConstraint(condition=Q(id=1), name="catalog_generation_single_row")]

    def __str__(self) -> str:
        return self.token
