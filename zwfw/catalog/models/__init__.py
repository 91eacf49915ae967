from .classification import LifeEvent, Theme
from .item import ItemFaq, ItemFee, ItemVersion, MaterialRequirement, ProcessStep, ServiceItem, VersionTransition

__all__ = [
    "ItemFaq",
    "ItemFee",
    "ItemVersion",
    "LifeEvent",
    "MaterialRequirement",
    "ProcessStep",
    "ServiceItem",
    "Theme",
    "VersionTransition",
]
