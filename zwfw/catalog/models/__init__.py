from .classification import LifeEvent, Theme
from .convenience import ConvenienceService
from .generation import CatalogGeneration
from .item import (
    GUIDE_FIELDS,
    ItemFaq,
    ItemFee,
    ItemVersion,
    MaterialRequirement,
    ProcessStep,
    ServiceItem,
    VersionTransition,
)
from .search import SearchDocument, SearchKind

__all__ = [
    "GUIDE_FIELDS",
    "CatalogGeneration",
    "ConvenienceService",
    "ItemFaq",
    "ItemFee",
    "ItemVersion",
    "LifeEvent",
    "MaterialRequirement",
    "ProcessStep",
    "SearchDocument",
    "SearchKind",
    "ServiceItem",
    "Theme",
    "VersionTransition",
]
