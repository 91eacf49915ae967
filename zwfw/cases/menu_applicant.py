"""Applicant-side registrations: the user centre sections 我的办件 and 我的消息 (the tracking part's pages).

The key "cases" replaces identity's placeholder of the same key (identity is installed before cases, so its
placeholder is registered first).
"""

from django.utils.translation import gettext_lazy as _

from zwfw.identity.account_sections import AccountSection, account_section_register

account_section_register(
    AccountSection("cases", _("我的办件"), _("草稿、已提交的申请、办理进度和文书下载"), "cases_track:mine", 50)
)
account_section_register(
    AccountSection("messages", _("我的消息"), _("受理、补正、办结和送达的通知"), "cases_track:messages", 58)
)
