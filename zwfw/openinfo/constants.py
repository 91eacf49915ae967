"""Limits of open information, in one place (the services, the forms and the how-to quote them)."""

#: One attachment may be at most this large (20 MB): the size of a scanned 30-page document.
ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024
#: At most this many attachments per entry.
ATTACHMENTS_PER_ENTRY_MAX = 20
#: Longest original file name kept for display (longer names are cut, the extension kept).
ATTACHMENT_NAME_MAX = 120

TITLE_MAX = 200
BODY_MAX_CHARS = 50_000
WITHDRAW_REASON_MAX = 500

#: How many entries a portal list page shows.
PAGE_SIZE = 20
