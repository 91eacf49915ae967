"""Forms of the open-information screens. They only collect input; the services check and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import OpenInfoValidity
from .constants import ATTACHMENT_MAX_BYTES, TITLE_MAX, WITHDRAW_REASON_MAX
from .selectors import open_info_categories
from .services.files import ACCEPT, ALLOWED_LABEL


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class OpenInfoForm(forms.Form):
    """The editor of one entry. ``agencies`` (operators only) adds the publishing agency choice."""

    agency = forms.TypedChoiceField(label=_("发布机构"), coerce=int, required=True)
    category = forms.ChoiceField(label=_("主题分类"))
    title = forms.CharField(label=_("标题"), max_length=TITLE_MAX, required=False)
    document_number = forms.CharField(
        label=_("文号"),
        max_length=60,
        required=False,
        help_text=_("没有文号的通知公告可不填，例如：景政办发〔2026〕12号"),
    )
    written_on = forms.DateField(
        label=_("成文日期"), required=False, widget=DateInput(), help_text=_("格式如 2026-03-15")
    )
    subject_words = forms.CharField(
        label=_("主题词"), max_length=100, required=False, help_text=_("用空格分隔，例如：供暖 通知")
    )
    validity = forms.ChoiceField(label=_("有效性"), choices=OpenInfoValidity.choices, initial=OpenInfoValidity.VALID)
    body = forms.CharField(
        label=_("正文"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_("纯文本，空一行即分段；不支持网页代码。较长的文件可作为附件上传。"),
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput(), required=False)
    submission_key = forms.UUIDField(widget=forms.HiddenInput(), required=False)

    def __init__(self, *args: Any, agencies: list[Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("请选择"))] + [(c.code, c.name) for c in open_info_categories()]
        if agencies:
            self.fields["agency"].choices = [(a.pk, a.name) for a in agencies]
        else:
            del self.fields["agency"]

    def service_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "category": data["category"],
            "title": data["title"],
            "document_number": data["document_number"],
            "written_on": data["written_on"],
            "subject_words": data["subject_words"],
            "body": data["body"],
            "validity": data["validity"],
        }


class PublishForm(forms.Form):
    secrecy_reviewed = forms.BooleanField(
        label=_("本信息已按规定通过保密审查，不含国家秘密、工作秘密、商业秘密和个人隐私"), required=False
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("撤回原因"),
        max_length=WITHDRAW_REASON_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("例如：文件已被新文件替代；信息有误，更正后重新发布。"),
    )


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("选择文件"),
        required=False,
        allow_empty_file=True,  # the service says in Chinese that the file is empty
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("只接受 %(allowed)s 文件，每个不超过 %(mb)d MB；系统按文件内容判断类型。") % {
            "allowed": ALLOWED_LABEL,
            "mb": ATTACHMENT_MAX_BYTES // (1024 * 1024),
        }
