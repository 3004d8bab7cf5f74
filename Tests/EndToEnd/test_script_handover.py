"""A visitor goes through the demo script; an agent takes over halfway and
releases; the lead file holds the right fields, score and reasons.

Proves, against the real server binary with Python's `websockets`:
- the greeting names the practice and asks for a name; each answer gets the
  script's next question (existing-patient branch);
- while the agent holds the chat the auto-responder is silent;
- on `release` the responder asks the next thing it still lacks (a phone
  number), not what it was already told (name, patient, need);
- what the agent recorded with `lead` wins over the responder's inference;
- the lead: contact, patient, best time, the agent's reason, score `hot`
  with its reasons, complete with nothing missing, handled by bot and
  agent, and the source page and UTM the widget sent.
A second test: a possible emergency makes the next reply the emergency line
and alerts the available agent at once.
"""

from agent_e2e import Agent, agent_server, system_said
from nightdesk_e2e import Visitor, run


def bot_texts(v: Visitor, after: int = 0) -> list[str]:
    return [m["text"] for s, m in sorted(v.messages.items()) if s > after and m.get("from") == "bot"]


async def bot_reply_containing(v: Visitor, after: int, needle: str) -> str:
    await v.recv_until(lambda: any(needle in t for t in bot_texts(v, after)), what=f"a bot reply with {needle!r}")
    return next(t for t in bot_texts(v, after) if needle in t)


def test_script_with_agent_takeover_and_release(make_server):
    server, creds = agent_server(make_server, [("amy", "Amy", ["demo"])])

    async def body():
        amy = await Agent.online(server, creds["amy"], available=False)
        v = await Visitor.connect(server, label="visitor")
        await v.hello(page="https://demo.example/implants", referrer="https://search.example/",
                      utm={"source": "google", "campaign": "implants"})
        greeting = await bot_reply_containing(v, 0, "Demo Dental")
        assert "your name" in greeting, greeting

        seq = await v.say("Hi, I'm Ava Stone")
        await bot_reply_containing(v, seq, "Have you been to Demo Dental before")
        seq = await v.say("yes, I've been a patient for years")
        await bot_reply_containing(v, seq, "Welcome back")

        await amy.takeover(v.session)
        await v.recv_until(lambda: system_said(v, "Amy joined the chat"), what="'Amy joined the chat'")
        quiet_from = max(v.messages)
        seq = await v.say("my crown came off and it's a bit sore")
        await amy.wait_message(v.session, lambda m: m.get("seq") == seq, what="the visitor's message at the agent")
        reply = await amy.say(v.session, "Sorry to hear that, Ava. I'll note it for Dr. Lee.")
        await v.recv_until(lambda: reply in v.messages, what="Amy's reply")
        assert bot_texts(v, quiet_from) == [], f"the auto-responder spoke while Amy had the chat: {bot_texts(v, quiet_from)}"
        await amy.lead(v.session, {"reason": "Crown came off, re-cement"})

        released_at = max(v.messages)
        await amy.release(v.session)
        resumed = await bot_reply_containing(v, released_at, "phone number")
        for asked_before in ("your name", "been to Demo Dental", "What do you need"):
            assert asked_before not in resumed, f"re-asked after release: {resumed}"

        seq = await v.say("555-201-3344")
        await bot_reply_containing(v, seq, "best time")
        seq = await v.say("mornings before 10")
        closing = await bot_reply_containing(v, seq, "call you at 555-201-3344")
        assert "+1 555 0100" in closing, closing
        await v.leave()
        return v

    v = run(body())
    lead = server.wait_for_lead(v.session)
    contact = lead.get("contact", {})
    assert contact.get("name") == "Ava Stone", contact
    assert contact.get("phone") == "555-201-3344", contact
    assert lead.get("reason") == "Crown came off, re-cement", lead.get("reason")
    assert lead.get("patient") == "existing", lead.get("patient")
    assert lead.get("best_time") == "mornings before 10", lead.get("best_time")
    assert lead.get("score") == "hot", lead
    for reason in ("existing patient", "has phone", "need stated", "best time given"):
        assert reason in lead.get("score_reasons", []), lead.get("score_reasons")
    assert lead.get("complete") is True and lead.get("missing") == [], lead
    assert lead.get("handled_by") == ["bot", "agent:amy"], lead.get("handled_by")
    source = lead.get("source", {})
    assert source.get("page") == "https://demo.example/implants", source
    assert source.get("utm", {}).get("campaign") == "implants", source


def test_emergency_reply_first_and_agents_alerted(make_server):
    server, creds = agent_server(make_server, [("amy", "Amy", ["demo"])])

    async def body():
        amy = await Agent.online(server, creds["amy"], available=True)
        v = await Visitor.connect(server, label="visitor")
        await v.hello()
        seq = await v.say("Ava here")
        await amy.wait_offer(v.session)
        await amy.decline(v.session)
        seq = await v.say("my face is swelling up and I can't breathe well")
        first = await bot_reply_containing(v, seq, "")
        assert "911" in first, f"the very next reply must be the emergency line: {first}"
        await amy.recv_until(lambda: any(f.get("type") == "alert" and f.get("session") == v.session for f in amy.frames),
                             what="the emergency alert")
        alert = next(f for f in amy.frames if f.get("type") == "alert")
        assert alert.get("reason") == "emergency" and alert["summary"].get("score") == "hot", alert
        await v.leave()
        return v

    v = run(body())
    lead = server.wait_for_lead(v.session)
    assert lead.get("urgent") is True and lead.get("score") == "hot", lead
    assert "urgent" in lead.get("score_reasons", []), lead.get("score_reasons")
