"""The morning queue through the API: hot before warm before cold, then
oldest first; filters by status, site and score; one lead with its whole
transcript."""

from staff_api import TWO_SITES, api_json, make_lead, staff_token


def test_queue_order_filters_and_one_lead(make_server):
    server = make_server(config=TWO_SITES)
    token = staff_token(server, "desk")
    cold = make_lead(server, "hello?")
    warm = make_lead(server, "ava@example.com")
    hot_old = make_lead(server, "My tooth hurts, call 555 123 4567")
    hot_new = make_lead(server, "Broken crown, my number is 555 222 3333")

    status, listing = api_json(server, "/api/leads", token)
    assert status == 200
    order = [lead["session"] for lead in listing["items"]]
    assert order == [hot_old, hot_new, warm, cold], [lead["score"] for lead in listing["items"]]

    _, hot = api_json(server, "/api/leads?score=hot", token)
    assert [lead["session"] for lead in hot["items"]] == [hot_old, hot_new]
    _, none = api_json(server, "/api/leads?site=other", token)
    assert none["items"] == []
    api_json(server, f"/api/leads/l-{cold[2:]}", token, "POST", {"status": "spam"})
    _, new = api_json(server, "/api/leads?status=new", token)
    assert cold not in [lead["session"] for lead in new["items"]]

    status, lead = api_json(server, f"/api/leads/l-{hot_old[2:]}", token)
    assert status == 200
    texts = [m["text"] for m in lead["transcript"]]
    assert "My tooth hurts, call 555 123 4567" in texts
    assert [m["seq"] for m in lead["transcript"]] == list(range(1, len(texts) + 1))
