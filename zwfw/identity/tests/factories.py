from __future__ import annotations

import factory

from zwfw.identity.choices import UserKind
from zwfw.identity.models import User

#: The password every factory-made user has, so tests can log in through the real form.
TEST_PASSWORD = "Test-Passw0rd-景泰"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"测试用户{n}")
    kind = UserKind.PERSON
    password = factory.django.Password(TEST_PASSWORD)


class StaffUserFactory(UserFactory):
    kind = UserKind.STAFF
