"""200 concurrent visitors each get a complete, separate lead.

Proves: under concurrency no message is lost, duplicated or crossed between
sessions: every visitor's lead transcript equals exactly what that visitor
saw (seqs and texts), and `leads list --json` lists all 200. The whole
exchange must finish within 30 s.
"""

import asyncio

from nightdesk_e2e import Visitor, assert_transcript_is_what_visitor_saw, run

VISITORS = 200
BUDGET = 30.0


async def one_visitor(server, n: int) -> Visitor:
    v = await Visitor.connect(server, label=f"visitor-{n}", open_timeout=BUDGET)
    await v.hello(page=f"https://practice.example/p{n}", timeout=BUDGET)
    await v.say(f"visitor {n}: first question", frame_id=f"v{n}-1", timeout=BUDGET)
    await v.say(f"visitor {n}: second question", frame_id=f"v{n}-2", timeout=BUDGET)
    await v.send({"type": "leave"})
    await v.recv_until(lambda: v.ended is not None, timeout=BUDGET, what="ended")
    assert await v.expect_close(timeout=BUDGET) == 1000
    return v


def test_200_visitors(server):
    async def body():
        return await asyncio.gather(*(one_visitor(server, n) for n in range(VISITORS)))

    visitors = run(body(), timeout=BUDGET)

    sessions = [v.session for v in visitors]
    assert len(set(sessions)) == VISITORS, "session ids are not unique"
    leads = {lead["session"]: lead for lead in server.leads()}
    assert len(leads) == VISITORS, f"{len(leads)} leads for {VISITORS} sessions"
    for n, v in enumerate(visitors):
        lead = leads.get(v.session)
        assert lead is not None, f"no lead for visitor {n}"
        assert_transcript_is_what_visitor_saw(lead["transcript"], v)
        texts = [m["text"] for m in lead["transcript"] if m["from"] == "visitor"]
        assert texts == [f"visitor {n}: first question", f"visitor {n}: second question"]
        assert lead["source"]["page"] == f"https://practice.example/p{n}"

    listed = {item["id"] for item in server.leads_cli()["items"]}
    assert {lead["id"] for lead in leads.values()} <= listed
