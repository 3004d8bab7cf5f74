"""SIGTERM stops the server cleanly: exit code 0 within 10 s, even with a
visitor connected, and nothing acknowledged is lost (a restart on the same
data directory resumes the session with its messages).
"""

import asyncio

from nightdesk_e2e import Visitor, run

TEXT = "Please call me back at 555-0123."


def test_sigterm_exits_zero(server):
    async def chat_then_sigterm():
        v = await Visitor.connect(server)
        await v.hello()
        seq = await v.say(TEXT)
        # SIGTERM while the visitor is still connected.
        code = await asyncio.to_thread(server.stop, 10)
        assert code == 0, f"exit code after SIGTERM: {code}"
        await v.expect_close(timeout=5)  # the server went away; any close code
        return v, seq

    v, seq = run(chat_then_sigterm())
    assert (server.data_dir).is_dir()

    server.restart()

    async def resume():
        w = await Visitor.connect(server)
        welcome = await w.hello(resume=v.resume_token, last_seq=0)
        assert welcome["resumed"] is True and welcome["session"] == v.session
        history = {m["seq"]: m["text"] for m in welcome["history"]}
        assert history.get(seq) == TEXT, welcome["history"]
        await w.leave()

    run(resume())
    assert server.lead_for_session(v.session) is not None
