"""Stored files answered over HTTP — one way for every authorising view.

Uploaded and generated files are never served from a public folder (QUALITY.md): a view first decides that the
caller may have the file, then answers it with :func:`file_download`, which

- opens it, and answers 404 (not a 500) when the storage no longer has the file a row names;
- names the download (the stored name is a generated one), as an attachment unless ``inline``;
- sends ``X-Content-Type-Options: nosniff``, so the browser never second-guesses the type;
- forbids caching (``private, no-store``) unless the file is public (``private=False``).

Django ninja turns the ``Http404`` into the API's own 404 answer (``zwfw.exchange.api.errors``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import IO

from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control


def file_download(
    open_file: Callable[[], IO[bytes]],
    *,
    filename: str,
    content_type: str = "application/octet-stream",
    inline: bool = False,
    private: bool = True,
) -> FileResponse:
    """``open_file`` (e.g. a ``FieldFile``'s ``open``) as a download named ``filename``; 404 if the file is gone."""
    try:
        handle = open_file()
    except OSError as exc:  # the row names a file the storage no longer has
        raise Http404 from exc
    response = FileResponse(handle, as_attachment=not inline, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    if private:
        patch_cache_control(response, private=True, no_store=True)
    return response
