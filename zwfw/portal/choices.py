"""Enumerations of the portal: the three themes and the two kinds of sub-site."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MainTheme(models.TextChoices):
    """The three main themes (三大主题) every site of the cluster shows, in this order.

    Not the catalogue's ``Theme`` classification of items (主题, e.g. 就业, 婚育): these are the
    portal's three top-level sections, each of which will list items of several classifications.
    """

    XZSP = "xzsp", _("行政审批")
    BMFW = "bmfw", _("便民服务")
    YGZW = "ygzw", _("阳光政务")


class SubSiteKind(models.TextChoices):
    """The URL prefix of a sub-site: ``/bm/<slug>/`` for departments, ``/xz/<slug>/`` for townships."""

    DEPARTMENT = "bm", _("部门")
    TOWNSHIP = "xz", _("乡镇")
