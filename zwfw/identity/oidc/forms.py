"""Forms of the 安全管理员's client screens (接入应用). The services check everything again."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ClientKind
from .scopes import SCOPES
from .services import GRANT_CODE, GRANT_LABELS

URI_HELP = _("每行一个完整地址，必须与依赖方实际使用的地址完全一致（不支持通配符）。")


def _scope_choices() -> list[tuple[str, str]]:
    return [(name, f"{name}：{label}") for name, label in SCOPES.items()]


class ClientForm(forms.Form):
    name = forms.CharField(label=_("应用名称"), max_length=100)
    kind = forms.ChoiceField(label=_("类型"), choices=ClientKind.choices, widget=forms.RadioSelect)
    grant_type = forms.ChoiceField(
        label=_("授权方式"), choices=list(GRANT_LABELS.items()), initial=GRANT_CODE, widget=forms.RadioSelect
    )
    confidential = forms.BooleanField(label=_("机密客户端（持有密钥，在服务器端运行）"), required=False, initial=True)
    redirect_uris = forms.CharField(
        label=_("登录回调地址"), required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text=URI_HELP
    )
    post_logout_redirect_uris = forms.CharField(
        label=_("退出后跳转地址"), required=False, widget=forms.Textarea(attrs={"rows": 2}), help_text=URI_HELP
    )
    allowed_scopes = forms.MultipleChoiceField(
        label=_("允许的授权范围"), choices=_scope_choices, widget=forms.CheckboxSelectMultiple
    )
    skip_authorization = forms.BooleanField(
        label=_("本平台的第一方应用：登录时不再询问用户是否同意"), required=False, initial=True
    )
    description = forms.CharField(label=_("说明"), max_length=200, required=False)


class ClientEditForm(forms.Form):
    name = forms.CharField(label=_("应用名称"), max_length=100)
    redirect_uris = ClientForm.base_fields["redirect_uris"]
    post_logout_redirect_uris = ClientForm.base_fields["post_logout_redirect_uris"]
    allowed_scopes = forms.MultipleChoiceField(
        label=_("允许的授权范围"), choices=_scope_choices, widget=forms.CheckboxSelectMultiple
    )
    skip_authorization = ClientForm.base_fields["skip_authorization"]


class DeactivateForm(forms.Form):
    reason = forms.CharField(label=_("停用原因"), max_length=200)


class ServiceUserForm(forms.Form):
    """The staff account a machine client acts as on the department API (empty: none)."""

    service_user = forms.ModelChoiceField(
        label=_("服务账号"),
        queryset=None,
        required=False,
        empty_label=_("（不设置：该应用不能办理办件）"),
        help_text=_("机器客户端以此工作人员账号的岗位访问办件：它在哪些机构有哪些岗位，就能看到和办理哪些办件。"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from ..choices import UserKind
        from ..models import User

        self.fields["service_user"].queryset = User.objects.filter(kind=UserKind.STAFF, is_active=True).order_by(
            "username"
        )
        self.fields["service_user"].label_from_instance = lambda u: f"{u.full_name or u.username}（{u.username}）"
