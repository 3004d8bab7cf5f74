"""No secret and no message text leaks into logs or side files.

A whole session at log level debug: a visitor chats and resumes with its
token, an agent signs in and takes the chat over, writes, saves lead fields
and closes it; a staff member reads the queue, the lead and the CSV, and
marks it; /metrics and /healthz are scraped. Then:

- the agent token, the staff token and the resume token appear nowhere:
  not in the server's stderr/stdout, not in any file of the data directory
  (journal and leads included; only their hashes may be stored);
- no message text, lead field or note appears in the server's output, nor
  in any data file other than the journal, the leads and the digests
  (where transcripts belong): not in the audit log, agents/ or staff/.
"""

from __future__ import annotations

from pathlib import Path

from agent_e2e import AGENT_CONFIG_TOML, Agent, add_agent, visitor_says
from nightdesk_e2e import Visitor, run
from staff_api import api, api_json, staff_token

VISITOR_WORDS = ["Quixotic-molar-7731 hurts since Tuesday", "My name is Zebulon Quartzfield",
                 "Call me on 555 867 5309 please"]
AGENT_WORDS = ["Agent-reply-Wombat-4410, we can see you at 8"]
LEAD_FIELDS = {"name": "Zebulon Quartzfield", "phone": "5558675309", "reason": "Quixotic molar pain", "score": "hot"}
NOTE = "Left-voicemail-Pelican-2291"
TRANSCRIPT_PLACES = ("journal", "leads", "digests")


def everything_in(directory: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in directory.rglob("*") if p.is_file()}


def test_no_token_or_message_text_outside_its_place(make_server, monkeypatch):
    monkeypatch.setenv("NIGHTDESK_LOG_LEVEL", "debug")
    server = make_server(config=AGENT_CONFIG_TOML, start=False)
    amy = add_agent(server, "amy", "Amy")
    staff = staff_token(server, "frontdesk")
    server.start()
    secrets: dict[str, str] = {"agent token": amy.token, "staff token": staff}

    async def chat() -> str:
        v = await Visitor.connect(server, label="visitor")
        await v.hello()
        await v.say_and_get_reply(VISITOR_WORDS[0])
        secrets["resume token"] = v.resume_token
        await v.close()
        v = await Visitor.connect(server, label="visitor again")
        welcome = await v.hello(resume=secrets["resume token"])
        assert welcome["resumed"] is True

        agent = await Agent.online(server, amy)
        await agent.takeover(v.session)
        await visitor_says(v, VISITOR_WORDS[1])
        seq = await agent.say(v.session, AGENT_WORDS[0])
        await v.recv_until(lambda: seq in v.messages, what="the agent's reply")
        await visitor_says(v, VISITOR_WORDS[2])
        await agent.lead(v.session, LEAD_FIELDS)
        await agent.close_session(v.session, "booked")
        await v.recv_until(lambda: v.ended is not None, what="ended")
        return v.session

    session = run(chat())
    status, body = api_json(server, "/api/leads", staff)
    assert status == 200 and body["items"], body
    lead_id = next(item["id"] for item in body["items"] if item["session"] == session)
    assert api_json(server, f"/api/leads/{lead_id}", staff)[0] == 200
    assert api(server, "/api/leads.csv", staff)[0] == 200
    status, _ = api_json(server, f"/api/leads/{lead_id}", staff, "POST", {"status": "contacted", "note": NOTE})
    assert status == 200
    assert api(server, "/metrics")[0] == 200 and api(server, "/healthz")[0] == 200
    assert server.stop() == 0

    output = "\n".join(server.log)
    assert "debug" in output, "the server did not log at debug level; the test would prove little"
    files = everything_in(server.data_dir)
    assert any(p.parts[-2] == "leads" for p in files), "no lead written: the session did not complete"

    for what, secret in secrets.items():
        assert secret not in output, f"the {what} is in the server's output"
        for path, data in files.items():
            assert secret.encode() not in data, f"the {what} is stored in {path.relative_to(server.data_dir)}"

    texts = VISITOR_WORDS + AGENT_WORDS + [NOTE] + list(LEAD_FIELDS.values())[:3]
    for text in texts:
        assert text not in output, f"message text {text!r} is in the server's output"
        for path, data in files.items():
            if path.relative_to(server.data_dir).parts[0] in TRANSCRIPT_PLACES:
                continue
            assert text.encode() not in data, f"message text {text!r} is in {path.relative_to(server.data_dir)}"
    # The transcript is where it belongs: the test looked in the right place.
    assert any(VISITOR_WORDS[0].encode() in d for p, d in files.items() if p.parts[-2] == "leads")
