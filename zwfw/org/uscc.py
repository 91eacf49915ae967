"""统一社会信用代码 (GB 32100-2015): validation through python-stdnum, plus the embedded
组织机构代码 check (GB 11714-1997), which stdnum does not look at, and a maker for
demonstration and test codes that pass both checks.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.cn import uscc as stdnum_uscc
from stdnum.exceptions import ValidationError as StdnumError

_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_ORG_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def org_code_check_char(body: str) -> str:
    """The 9th character of a 组织机构代码 for its 8-character ``body``."""
    total = sum(_ORG_ALPHABET.index(ch) * w for ch, w in zip(body, _ORG_WEIGHTS, strict=True))
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def uscc_validate(value: str) -> str:
    """Return the compact code, or raise a ValidationError with a Chinese message."""
    try:
        code = stdnum_uscc.validate(value)
    except StdnumError as exc:
        raise ValidationError(
            _("统一社会信用代码“%(value)s”无效：应为18位，由数字和大写字母组成，且校验位正确。"),
            code="invalid_uscc",
            params={"value": value},
        ) from exc
    body, check = code[8:16], code[16]
    if all(ch in _ORG_ALPHABET for ch in body) and org_code_check_char(body) != check:
        raise ValidationError(
            _("统一社会信用代码“%(value)s”中的组织机构代码（第9至17位）校验不通过。"),
            code="invalid_org_code",
            params={"value": value},
        )
    return code


def uscc_make(*, registry: str, category: str, region: str, serial: int) -> str:
    """Build a code that passes GB 32100 and GB 11714: ``registry`` 登记管理部门 (1 机构编制,
    5 民政, 9 工商, Y 其他), ``category`` 机构类别, ``region`` 6-digit GB/T 2260 code, and a
    numeric ``serial`` that becomes the 8-character organisation code body."""
    body = f"{serial:08d}"
    if len(body) != 8:
        raise ValueError("serial must have at most 8 digits")
    base = f"{registry}{category}{region}{body}{org_code_check_char(body)}"
    return base + stdnum_uscc.calc_check_digit(base)
