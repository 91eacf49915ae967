"""The provider's RS256 signing key.

Production passes the PEM in ``ZWFW_OIDC_RSA_PRIVATE_KEY``. Elsewhere a 2048-bit key is generated
once into the data directory (mode 0600) so that tokens survive a restart of ``make run``.
This module is imported by the settings: it must not import Django models.
"""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa


def oidc_key_generate() -> str:
    """A new RSA private key as PKCS#8 PEM."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode("ascii")


def oidc_dev_key_load(path: Path) -> str:
    """The key stored at ``path``, generated there first if missing."""
    if not path.exists():
        # Written beside and linked into place, so parallel processes (test workers) never read half a key.
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, oidc_key_generate().encode("ascii"))
        finally:
            os.close(fd)
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass  # another process won
        finally:
            tmp.unlink()
    return path.read_text(encoding="ascii")


def oidc_pem_blocks(text: str) -> list[str]:
    """Every PEM private key in ``text`` (several keys pasted one after the other), in order."""
    blocks, current = [], []
    for line in text.strip().splitlines():
        line = line.strip()
        if not line:
            continue
        current.append(line)
        if line.startswith("-----END "):
            blocks.append("\n".join(current) + "\n")
            current = []
    return blocks
