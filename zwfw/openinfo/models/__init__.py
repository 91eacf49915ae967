from .category import OpenInfoCategory
from .entry import OpenInfo, OpenInfoAttachment, OpenInfoSequence

__all__ = ["OpenInfo", "OpenInfoAttachment", "OpenInfoCategory", "OpenInfoSequence"]
