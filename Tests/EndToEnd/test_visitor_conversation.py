"""A whole visitor conversation, from hello to the lead in the morning queue.

Proves: the welcome carries a session, a strong resume token, the site and
office blocks; the auto-responder greets with the practice name and answers
every `say`; acks and echoes agree on seq; `typing` is accepted silently;
`leave` ends with `visitor_left` and close 1000; and the session becomes a
lead (JSON + human-readable .txt + `leads list --json`) with the source and
exactly the transcript the visitor saw.
"""

from nightdesk_e2e import (
    Visitor,
    assert_transcript_is_what_visitor_saw,
    assert_welcome,
    is_timestamp,
    run,
)

PAGE = "https://practice.example/implants?x=1"
REFERRER = "https://www.google.com/search?q=dental+implants+near+me"
UTM = {"source": "google", "medium": "cpc", "campaign": "implants-fall"}
SAYS = ["Hi, do you take Delta Dental?", "I'd like an implant consultation next week."]


def test_visitor_conversation(server):
    async def body():
        v = await Visitor.connect(server)
        welcome = await v.hello(page=PAGE, referrer=REFERRER, utm=UTM)
        assert_welcome(welcome)

        # The greeting: in welcome.history or as a separate message frame.
        await v.recv_until(lambda: v.bot_said("Demo Dental"), what="greeting naming Demo Dental")

        for i, text in enumerate(SAYS):
            if i == 1:
                await v.send({"type": "typing", "on": True})
            seq = await v.say_and_get_reply(text)
            assert v.messages[seq]["from"] == "visitor"
        assert v.errors == [], f"unexpected errors (typing must be accepted silently): {v.errors}"

        code = await v.leave()
        assert code == 1000, f"close code after ended: {code}"
        return v

    v = run(body())

    # The lead is written before `ended` is sent: no waiting needed.
    lead = server.lead_for_session(v.session)
    assert lead is not None, f"no lead for session {v.session}: {server.leads()}"
    assert lead["site"] == "demo"
    assert isinstance(lead.get("id"), str) and lead["id"]
    assert lead.get("status") == "new", lead
    assert lead.get("score") in ("hot", "warm", "cold"), lead
    assert is_timestamp(lead.get("created_at")) and is_timestamp(lead.get("ended_at")), lead
    assert "bot" in lead.get("handled_by", []), lead

    source = lead.get("source", {})
    assert source.get("page") == PAGE, source
    assert source.get("referrer") == REFERRER, source
    for key, value in UTM.items():
        assert source.get("utm", {}).get(key) == value, source

    assert_transcript_is_what_visitor_saw(lead["transcript"], v)
    visitor_texts = [m["text"] for m in lead["transcript"] if m["from"] == "visitor"]
    assert visitor_texts == SAYS

    txt = " ".join(server.lead_text(lead["id"]).split())
    for message in lead["transcript"]:
        assert " ".join(message["text"].split()) in txt, f"{message['text']!r} not in {lead['id']}.txt"

    listed = server.leads_cli()
    items = listed.get("items")
    assert isinstance(items, list), listed
    mine = [item for item in items if item.get("id") == lead["id"]]
    assert len(mine) == 1, f"lead {lead['id']} not listed once by `leads list --json`: {items}"
    assert mine[0].get("session") == v.session
    assert "transcript" not in mine[0], "leads list items are leads without transcript"
