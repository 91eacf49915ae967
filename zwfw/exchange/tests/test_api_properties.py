"""Property tests: whatever a client sends in the query string, the API answers 200, 404 or 422 in its
JSON shape — never a server error. (Schemathesis would derive this from the OpenAPI document; it is
not a dependency yet, so hypothesis drives the parameters the document declares.)"""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

#: Anything a URL can carry: control characters, SQL and FTS syntax, huge and negative numbers, CJK.
values = st.one_of(
    st.text(max_size=120),
    st.sampled_from(["", "0", "-1", "1e9", "99999999999999999999", "' OR 1=1 --", '"*', "NEAR", "\x00", "营业执照"]),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
)

ENDPOINTS = {
    "/api/v1/items": ["q", "agency", "theme", "life_event", "audience", "region", "item_type", "page", "page_size"],
    "/api/v1/search": ["q", "kind", "audience", "page", "page_size"],
    "/api/v1/convenience-services": ["category", "life_event", "page", "page_size"],
    "/api/v1/lists/poverty": ["agency", "township", "year", "q", "page", "page_size"],
    "/api/v1/open-information": ["agency", "category", "level", "year", "q", "page", "page_size"],
}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    endpoint=st.sampled_from(sorted(ENDPOINTS)),
    data=st.data(),
)
def test_no_query_string_makes_the_api_fail(client, catalogue, endpoint, data):
    names = data.draw(st.lists(st.sampled_from(ENDPOINTS[endpoint]), unique=True, max_size=4))
    params = {name: data.draw(values) for name in names}
    response = client.get(endpoint, params)
    assert response.status_code in (200, 422), (endpoint, params, response.content[:300])
    body = response.json()
    if response.status_code == 422:
        assert body["code"] == "invalid" and body["detail"].startswith("请求参数有误") and body["errors"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(path=st.text(min_size=1, max_size=60))
def test_no_identifier_makes_a_detail_fail(client, catalogue, path):
    from urllib.parse import quote

    for prefix in ("/api/v1/items/", "/api/v1/lists/fee/", "/api/v1/open-information/"):
        response = client.get(prefix + quote(path, safe=""))
        assert response.status_code in (200, 404, 422), (prefix, path, response.content[:300])
        assert response["Content-Type"].startswith("application/json")
