"""SIGHUP re-reads the config without dropping a chat.

A live chat keeps going across the reload; a new hello sees the renamed
site and its new office hours; an origin added to a locked site is
accepted from then on; a lowered max_connections_per_ip refuses the next
connection; a changed max_frame_bytes is logged as needing a restart; a
broken config is logged with its problems and the running config stays.
"""

from __future__ import annotations

import signal
import time

from websockets.exceptions import InvalidStatus

from nightdesk_e2e import Visitor, run

BEFORE = """
[server]
frames_per_minute = 120

[sites.demo]
name = "Demo Dental"
phone = "+1 555 0100"
timezone = "America/New_York"
origins = ["https://demo.example"]
hours = "closed"
"""

AFTER = """
[server]
frames_per_minute = 120
max_frame_bytes = 8192
max_connections_per_ip = 3

[sites.demo]
name = "Demo Dental & Implants"
phone = "+1 555 0100"
timezone = "America/New_York"
origins = ["https://demo.example", "https://new.demo.example"]
hours = "mon-sun 00:00-24:00"
"""

BROKEN = """
[server]
frames_per_minute = "lots"

[sites.demo]
name = "Broken Dental"
phone = "+1 555 0100"
timezone = "Mars/Olympus_Mons"
"""


def hangup_and_wait(server, needle: str, timeout: float = 10.0) -> list[str]:
    """SIGHUP, then wait for the log line that says how the reload went."""
    mark = len(server.log)
    server.proc.send_signal(signal.SIGHUP)
    deadline = time.monotonic() + timeout
    while True:
        new = server.log[mark:]
        if any(needle in line for line in new):
            return new
        assert time.monotonic() < deadline, f"no {needle!r} after SIGHUP\n{server.output()}"
        assert server.running, f"the server died on SIGHUP\n{server.output()}"
        time.sleep(0.05)


def test_reload_keeps_the_chat_and_changes_what_new_hellos_see(make_server):
    server = make_server(config=BEFORE)

    async def body():
        live = await Visitor.connect(server, origin="https://demo.example", label="live")
        before = await live.hello()
        assert before["office"]["open"] is False, before["office"]
        await live.say_and_get_reply("Hello before the reload")
        try:
            await Visitor.connect(server, origin="https://new.demo.example", label="too early")
            raise AssertionError("the new origin was accepted before the reload")
        except InvalidStatus:
            pass

        server.config.write_text(AFTER, "utf-8")
        lines = hangup_and_wait(server, "config reloaded")
        assert any("max_frame_bytes" in line and "needs a restart" in line for line in lines), lines

        await live.say_and_get_reply("Still here after the reload")  # same connection, same session
        fresh = await Visitor.connect(server, origin="https://new.demo.example", label="fresh")
        welcome = await fresh.hello()
        assert welcome["site"]["name"] == "Demo Dental & Implants", welcome["site"]
        assert welcome["office"]["open"] is True, welcome["office"]  # the new office hours
        # max_connections_per_ip went down to 3: live and fresh stay, one more fits, the next is refused.
        third = await Visitor.connect(server, origin="https://demo.example", label="third")
        try:
            await Visitor.connect(server, origin="https://demo.example", label="fourth")
            raise AssertionError("a fourth connection passed the reloaded max_connections_per_ip = 3")
        except InvalidStatus as e:
            assert e.response.status_code == 503
        await third.close()
        await live.leave()

    run(body())


def test_a_broken_config_is_logged_and_the_old_one_stays(make_server):
    server = make_server(config=BEFORE)

    async def body():
        live = await Visitor.connect(server, origin="https://demo.example", label="live")
        await live.hello()
        server.config.write_text(BROKEN, "utf-8")
        lines = hangup_and_wait(server, "config reload failed")
        text = "\n".join(lines)
        assert "frames_per_minute" in text and "Mars/Olympus_Mons" in text, text
        assert not any("config reloaded" in line for line in lines), lines

        await live.say_and_get_reply("Did anything change?")
        fresh = await Visitor.connect(server, origin="https://demo.example", label="fresh")
        welcome = await fresh.hello()
        assert welcome["site"]["name"] == "Demo Dental", welcome["site"]

    run(body())
