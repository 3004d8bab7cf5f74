"""The staff API refuses requests without a valid token (401 with a JSON
body), and a staff member of one site never sees another site's leads."""

from staff_api import TWO_SITES, api, api_json, make_lead, staff_token


def test_no_token_or_a_wrong_one_is_401(make_server):
    server = make_server(config=TWO_SITES)
    staff_token(server, "desk")
    for token in (None, "not-a-token", ""):
        status, headers, raw = api(server, "/api/leads", token)
        assert status == 401, (token, status)
        assert b'"error":"unauthorized"' in raw
        assert {k.lower(): v for k, v in headers.items()}.get("www-authenticate") == "Bearer"


def test_a_staff_member_sees_only_their_sites(make_server):
    server = make_server(config=TWO_SITES)
    demo_only = staff_token(server, "demo-desk", sites="demo")
    everyone = staff_token(server, "manager")
    demo_session = make_lead(server, "My tooth hurts, call 555 123 4567", site="demo")
    other_session = make_lead(server, "Knee pain, call 555 987 6543", site="other")

    status, listing = api_json(server, "/api/leads", demo_only)
    assert status == 200
    assert [lead["session"] for lead in listing["items"]] == [demo_session]
    assert all("transcript" not in lead for lead in listing["items"])

    other_id = "l-" + other_session[2:]
    assert api_json(server, f"/api/leads/{other_id}", demo_only)[0] == 404, "another site's lead must not be seen"
    assert api_json(server, f"/api/leads/{other_id}", demo_only, "POST", {"status": "spam"})[0] == 404
    assert api_json(server, f"/api/leads/{other_id}", everyone)[0] == 200

    _, all_leads = api_json(server, "/api/leads", everyone)
    assert {lead["session"] for lead in all_leads["items"]} == {demo_session, other_session}
