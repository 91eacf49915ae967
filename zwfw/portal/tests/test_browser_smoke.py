import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_page_opens_and_passes_axe(visit):
    page = visit("/")
    assert "景泰政务服务网" in page.title()
