"""Helpers of the catalogue services: the shared ones live in :mod:`zwfw.core.services.refusals`."""

from zwfw.core.services.refusals import Actor, refusal_reason, refusals_audited, require_perm

__all__ = ["Actor", "refusal_reason", "refusals_audited", "require_perm"]
