"""The agent records the lead's details and closes the chat as booked.

Proves:
- `lead` is acked with the session and id;
- `close` with disposition `booked` ends the session: the visitor gets
  `ended` reason `agent_closed` and close 1000, the agent `ended` for the
  session; the chat is gone from the agent's `list`;
- the lead file carries the agent's name, phone, email, reason and score
  (overriding what the bot inferred from the visitor's words), the
  disposition `booked`, `handled_by` with both `bot` and `agent:amy`, and the
  transcript the visitor saw.
"""

from agent_e2e import Agent, agent_server, system_said
from nightdesk_e2e import Visitor, assert_transcript_is_what_visitor_saw, run

FIELDS = {
    "name": "Ava Stone",
    "phone": "+1 617 555 0142",
    "email": "ava.stone@example.com",
    "reason": "Implant consultation, prefers Tuesday afternoons",
    "score": "cold",  # the bot would say hot: phone and need stated
}


def test_lead_fields_and_close_booked(make_server):
    server, creds = agent_server(make_server, [("amy", "Amy", ["demo"])])

    async def body():
        amy = await Agent.online(server, creds["amy"], available=True)
        v = await Visitor.connect(server, label="visitor")
        await v.hello(page="https://practice.example/implants")
        # What the bot would infer: another name, another phone, hot.
        await v.say_and_get_reply("My name is Zed Quill, call me at 212 555 0199, I want braces.")
        await amy.wait_offer(v.session)
        await amy.accept(v.session)
        await v.recv_until(lambda: system_said(v, "Amy joined the chat"), what="'Amy joined the chat'")

        seq = await amy.say(v.session, "Hi! I'll book your implant consultation for Tuesday at 3 pm.")
        await v.recv_until(lambda: seq in v.messages, what="Amy's message")

        ack = await amy.lead(v.session, FIELDS, frame_id="lead-1")
        assert ack.get("id") == "lead-1" and ack.get("session") == v.session, ack

        ended = await amy.close_session(v.session, "booked")
        assert ended.get("reason") == "agent_closed", ended
        await v.recv_until(lambda: v.ended is not None, what="ended at the visitor")
        assert v.ended.get("reason") == "agent_closed", v.ended
        code = await v.expect_close()
        assert code == 1000, f"close code after ended: {code}"

        items = await amy.list_sessions()
        assert all(i.get("session") != v.session for i in items), f"a closed chat is still listed: {items}"
        assert not amy.errors, amy.errors
        return v

    v = run(body())
    lead = server.wait_for_lead(v.session)
    contact = lead.get("contact", {})
    assert contact.get("name") == FIELDS["name"], contact
    assert contact.get("phone") == FIELDS["phone"], contact
    assert contact.get("email") == FIELDS["email"], contact
    assert lead.get("reason") == FIELDS["reason"], lead.get("reason")
    assert lead.get("score") == "cold", lead.get("score")
    assert lead.get("disposition") == "booked", lead.get("disposition")
    handled = lead.get("handled_by", [])
    assert "bot" in handled and "agent:amy" in handled, f"handled_by {handled}"
    assert_transcript_is_what_visitor_saw(lead["transcript"], v, trailing_system_ok=True)
