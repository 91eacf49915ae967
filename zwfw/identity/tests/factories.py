from __future__ import annotations

import factory

from zwfw.identity.choices import UserKind
from zwfw.identity.models import User

#: The password every factory-made user has, so tests can log in through the real form.
TEST_PASSWORD = "Test-Passw0rd-景泰"
#: The TOTP seed (base32) of every factory-made staff member, so tests can pass the second factor.
TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"测试用户{n}")
    kind = UserKind.PERSON
    password = factory.django.Password(TEST_PASSWORD)


class StaffUserFactory(UserFactory):
    """A staff account with TOTP already set up (staff may not work without it)."""

    kind = UserKind.STAFF

    class Meta:
        skip_postgeneration_save = True

    @factory.post_generation
    def totp(self, create: bool, extracted: bool | None, **kwargs: object) -> None:
        if create and extracted is not False:
            totp_activate(self)


def totp_activate(user: User, secret: str = TEST_TOTP_SECRET) -> None:
    """Give ``user`` a TOTP authenticator with ``secret`` (as if they had scanned the QR code)."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, secret)


def totp_code(user: User, secret: str = TEST_TOTP_SECRET) -> str:
    """The current TOTP code of ``user``, usable again (tests may log the same person in twice)."""
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
    from django.core.cache import cache

    counter = list(yield_hotp_counters_from_time())[len(list(yield_hotp_counters_from_time())) // 2]
    code = format_hotp_value(hotp_value(secret, counter))
    cache.delete(f"allauth.mfa.totp.used?user={user.pk}&code={code}")
    return code
