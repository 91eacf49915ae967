"""Staff menu entries and user-centre sections of the cases app (registered at start-up).

Each part registers its own (window registration, the inbox, the applicant's pages); this module only
imports them so ``CasesConfig.ready`` has one place to call.
"""

from . import menu_applicant, menu_staff, menu_window  # noqa: F401
