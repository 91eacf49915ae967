from .agency import Agency
from .centre import ServiceCentre, Window
from .membership import Membership
from .region import Region

__all__ = ["Agency", "Membership", "Region", "ServiceCentre", "Window"]
