"""Reads of applications and cases (every read that depends on the viewer lives here).

A package with one module per part: ``applications`` (drafts, uploads, what is missing), ``inbox`` (the staff
inbox and case pages), ``tracking`` (my cases, the timeline, the public progress page). Other domains import
``zwfw.cases.selectors`` only.
"""

from .applications import *  # noqa: E402,F401,F403 - drafts, uploads, what an application lacks, window centres
from .inbox import *  # noqa: E402,F401,F403 - the staff inbox and case page (handling)
from .tracking import *  # noqa: F401,F403 - my applications, timeline, progress lookup, messages
