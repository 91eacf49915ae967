"""The lists domain's models (re-exported)."""

from .base import EntryRevision, ListEntry
from .entries import Fee, PovertyBeneficiary, PovertyProject, Responsibility, SpecialFund

__all__ = ["EntryRevision", "Fee", "ListEntry", "PovertyBeneficiary", "PovertyProject", "Responsibility", "SpecialFund"]
