"""The unified search index (统一检索): one row per searchable thing of any domain.

A :class:`SearchDocument` is derived data, rebuilt from its source (items, list entries, open
information, convenience services) at any time, so it is not an audited domain object. The
engine-specific full-text index lives beside it and is created by the migration per database
vendor: an FTS5 virtual table on SQLite, a ``tsvector`` column with a GIN index on PostgreSQL.

Writers: :mod:`zwfw.catalog.search` only (``search_document_upsert`` / ``search_document_remove``).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchKind(models.TextChoices):
    ITEM = "item", _("办事事项")
    LIST_ENTRY = "list_entry", _("权责清单")
    OPEN_INFO = "open_info", _("政务公开")
    CONVENIENCE = "convenience", _("便民服务")


class SearchDocument(models.Model):
    """One searchable document; its full-text index row shares its id."""

    kind = models.CharField(_("类别"), max_length=16, choices=SearchKind.choices)
    key = models.CharField(_("对象标识"), max_length=64)
    title = models.CharField(_("标题"), max_length=300)
    keywords = models.CharField(_("关键词"), max_length=300, blank=True)
    body = models.TextField(_("正文"), blank=True)
    url = models.CharField(_("地址"), max_length=300)
    agency = models.ForeignKey(
        "org.Agency", verbose_name=_("机构"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    region_code = models.CharField(_("区划代码"), max_length=12, blank=True)
    for_persons = models.BooleanField(_("面向个人"), default=True)
    for_organisations = models.BooleanField(_("面向法人"), default=True)
    boost = models.FloatField(_("权重"), default=1.0)
    title_initials = models.CharField(_("标题拼音首字母"), max_length=300, blank=True)
    title_pinyin = models.CharField(_("标题全拼"), max_length=1200, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("检索文档")
        verbose_name_plural = _("检索文档")
        ordering = ["kind", "key"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "key"], name="catalog_searchdoc_unique_kind_key"),
            models.CheckConstraint(condition=models.Q(boost__gte=0), name="catalog_searchdoc_boost_positive"),
        ]
        indexes = [models.Index(fields=["kind", "-boost"], name="catalog_searchdoc_kind_boost")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.title}"
