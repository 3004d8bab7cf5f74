"""nightdesk-agent, the real binary, driven in an 80x24 pseudo-terminal against
the real server, with a Python `websockets` visitor on the other side.

    python3 -m pip install -r Tests/AgentClient/requirements.txt
    python3 -m pytest -q Tests/AgentClient

Binaries: $NIGHTDESK_AGENT_BIN, else <repo>/.build/debug/nightdesk-agent;
$NIGHTDESK_BIN, else <repo>/.build/debug/nightdesk.

Every wait is pexpect's `expect` or a WebSocket receive, each with a
deadline: nothing sleeps and hopes.
"""

from __future__ import annotations

import io
import json
import os
import re
import socket
import subprocess
import threading
import time
from pathlib import Path

import pexpect
import pytest
from websockets.sync.client import connect

REPO = Path(__file__).resolve().parents[2]
SUBPROTOCOL = "nightdesk.v1"
TIMEOUT = 15
LISTENING_RE = re.compile(r"listening on http://127\.0\.0\.1:(\d+)/")
CONFIG = """\
[server]
offer_timeout_seconds = 20

[sites.demo]
name = "Demo Dental"
phone = "+1 555 0100"
timezone = "America/New_York"
hours = "closed"
"""


def agent_bin() -> str:
    return os.environ.get("NIGHTDESK_AGENT_BIN") or str(REPO / ".build" / "debug" / "nightdesk-agent")


def server_bin() -> str:
    return os.environ.get("NIGHTDESK_BIN") or str(REPO / ".build" / "debug" / "nightdesk")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --------------------------------------------------------------------------
# The server
# --------------------------------------------------------------------------


class Server:
    """`nightdesk serve` on its own data directory and config."""

    def __init__(self, base: Path):
        self.data = base / "data"
        self.config = base / "nightdesk.toml"
        self.config.write_text(CONFIG, "utf-8")
        self.proc: subprocess.Popen | None = None
        self.port: int | None = None
        self.log: list[str] = []

    def start(self, port: int = 0) -> "Server":
        binary = server_bin()
        assert Path(binary).exists(), f"nightdesk not found at {binary}: build it or set NIGHTDESK_BIN"
        self.proc = subprocess.Popen(
            [binary, "serve", "--data", str(self.data), "--host", "127.0.0.1", "--port", str(port),
             "--config", str(self.config)],
            cwd=REPO, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
        listening = threading.Event()

        def pump(stream, name):
            for raw in iter(stream.readline, b""):
                line = raw.decode("utf-8", "replace").rstrip("\n")
                self.log.append(f"[{name}] {line}")
                match = LISTENING_RE.search(line)
                if match and not listening.is_set():
                    self.port = int(match.group(1))
                    listening.set()

        for stream, name in ((self.proc.stderr, "stderr"), (self.proc.stdout, "stdout")):
            threading.Thread(target=pump, args=(stream, name), daemon=True).start()
        deadline = time.monotonic() + 30
        while not listening.wait(0.05):
            assert self.proc.poll() is None, f"nightdesk exited {self.proc.returncode}\n{self.output()}"
            assert time.monotonic() < deadline, f"no 'listening on' within 30 s\n{self.output()}"
        return self

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)

    def add_agent(self, agent_id: str = "amy", name: str = "Amy") -> str:
        result = subprocess.run(
            [server_bin(), "agents", "add", agent_id, "--name", name, "--sites", "demo",
             "--data", str(self.data), "--config", str(self.config)],
            cwd=REPO, capture_output=True, timeout=30,
        )
        assert result.returncode == 0, f"agents add failed: {result.stderr!r}"
        lines = result.stdout.decode().strip().splitlines()
        assert len(lines) == 1 and lines[0].strip(), f"agents add printed {result.stdout!r}"
        return lines[0].strip()

    def wait_for_lead(self, session: str, timeout: float = TIMEOUT) -> dict:
        """Bounded polling: a lead file appears with no event to await."""
        deadline = time.monotonic() + timeout
        while True:
            for path in sorted((self.data / "leads").glob("*.json")) if (self.data / "leads").is_dir() else []:
                try:
                    lead = json.loads(path.read_text("utf-8"))
                except ValueError:
                    continue  # caught mid-write
                if lead.get("session") == session:
                    return lead
            assert time.monotonic() < deadline, f"no lead for {session}\n{self.output()}"
            time.sleep(0.05)

    def output(self) -> str:
        return "\n".join(self.log[-100:])

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/ws"


@pytest.fixture
def server(tmp_path):
    srv = Server(tmp_path).start()
    yield srv
    srv.stop()


# --------------------------------------------------------------------------
# The visitor (a third-party WebSocket client)
# --------------------------------------------------------------------------


class Visitor:
    def __init__(self, url: str):
        self.ws = connect(url, subprotocols=[SUBPROTOCOL], open_timeout=10, close_timeout=3, proxy=None)
        self.frames: list[dict] = []
        self.welcome: dict | None = None

    def send(self, frame: dict) -> None:
        self.ws.send(json.dumps(frame, ensure_ascii=False))

    def recv_until(self, pred, what: str, timeout: float = TIMEOUT) -> dict:
        """Receives until a frame satisfies `pred`; returns that frame."""
        for frame in self.frames:
            if pred(frame):
                return frame
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            assert remaining > 0, f"visitor: no {what} within {timeout}s; frames: {self.frames[-8:]}"
            try:
                raw = self.ws.recv(timeout=remaining)
            except TimeoutError:
                continue
            frame = json.loads(raw)
            self.frames.append(frame)
            if pred(frame):
                return frame

    def hello(self) -> dict:
        self.send({"type": "hello", "role": "visitor", "site": "demo", "page": "https://demo.example/implants"})
        self.welcome = self.recv_until(lambda f: f["type"] in ("welcome", "error"), "welcome")
        assert self.welcome["type"] == "welcome", self.welcome
        return self.welcome

    def say(self, text: str, frame_id: str) -> int:
        self.send({"type": "say", "id": frame_id, "text": text})
        ack = self.recv_until(lambda f: f["type"] == "ack" and f.get("id") == frame_id, f"ack of {frame_id}")
        return ack["seq"]

    def close(self) -> None:
        self.ws.close()


# --------------------------------------------------------------------------
# The agent client in a pty
# --------------------------------------------------------------------------


class Agent:
    """nightdesk-agent in an 80x24 pty; `raw` is every byte it wrote."""

    def __init__(self, url: str, token: str | None, extra_args: tuple[str, ...] = ()):
        env = {k: v for k, v in os.environ.items() if k != "NIGHTDESK_AGENT_TOKEN"}
        env["TERM"] = "xterm-256color"
        if token is not None:
            env["NIGHTDESK_AGENT_TOKEN"] = token
        binary = agent_bin()
        assert Path(binary).exists(), f"nightdesk-agent not found at {binary}: build it or set NIGHTDESK_AGENT_BIN"
        self.transcript = io.BytesIO()
        self.child = pexpect.spawn(binary, ["--server", url, *extra_args], env=env, dimensions=(24, 80),
                                   timeout=TIMEOUT, encoding=None)
        self.child.logfile_read = self.transcript

    @property
    def raw(self) -> bytes:
        return self.transcript.getvalue()

    def expect(self, text: str | bytes, timeout: float = TIMEOUT) -> None:
        pattern = re.escape(text.encode() if isinstance(text, str) else text)
        try:
            self.child.expect(pattern, timeout=timeout)
        except (pexpect.TIMEOUT, pexpect.EOF) as e:
            raise AssertionError(
                f"agent screen never showed {text!r} ({type(e).__name__}); last output:\n{self.printable()}"
            ) from None

    def type(self, line: str) -> None:
        """Types a line and Enter, as a person would in raw mode."""
        self.child.send(line.encode() + b"\r")

    def printable(self, last: int = 3000) -> str:
        return self.raw[-last:].decode("utf-8", "replace").replace("\x1b", "<ESC>").replace("\x07", "<BEL>")

    def wait_exit(self, timeout: float = TIMEOUT) -> int:
        try:
            self.child.expect(pexpect.EOF, timeout=timeout)
        except pexpect.TIMEOUT:
            raise AssertionError(f"agent did not exit; last output:\n{self.printable()}") from None
        self.child.close()
        return self.child.exitstatus if self.child.exitstatus is not None else 128 + (self.child.signalstatus or 0)

    def kill(self) -> None:
        if self.child.isalive():
            self.child.terminate(force=True)


@pytest.fixture
def agents():
    started: list[Agent] = []

    def factory(*args, **kwargs) -> Agent:
        agent = Agent(*args, **kwargs)
        started.append(agent)
        return agent

    yield factory
    for agent in started:
        agent.kill()


# --------------------------------------------------------------------------
# Tests
# --------------------------------------------------------------------------


def test_offer_accept_chat_lead_close(server, agents):
    token = server.add_agent()
    agent = agents(server.ws_url, token)
    agent.expect("signed in as Amy")
    agent.type("/available")
    agent.expect("AVAILABLE")

    visitor = Visitor(server.ws_url)
    try:
        session = visitor.hello()["session"]
        visitor.say("I need an appointment", "v-1")

        # The offer cannot be missed: the bell, then a reverse-video block
        # with the practice, its phone, the visitor's page, the history.
        agent.expect(b"\x07")
        agent.expect("NEW CHAT #1  Demo Dental  +1 555 0100")
        agent.expect("page: https://demo.example/implants")
        agent.expect("I need an appointment")
        assert b"\x1b[1;7mNEW CHAT #1" in agent.raw, "the offer line is not in reverse video"
        agent.expect("OFFER #1")  # the countdown on the status line

        agent.type("/accept")
        agent.expect("yours now")

        agent.type("Hello, this is Amy from Demo Dental.")
        agent.expect("Amy (you): Hello, this is Amy from Demo Dental.")
        relayed = visitor.recv_until(
            lambda f: f["type"] == "message" and f.get("text") == "Hello, this is Amy from Demo Dental.",
            "the agent's message",
        )
        assert relayed["from"] == "agent" and relayed.get("name") == "Amy", relayed

        visitor.say("Tuesday morning works for me", "v-2")
        agent.expect("(visitor): Tuesday morning works for me")

        # Hostile text: a title change and a screen wipe must arrive inert.
        visitor.say("look \x1b]0;pwned\x07 here \x1b[2J done", "v-3")
        agent.expect("look ]0;pwned here [2J done")

        agent.type("/lead name=Ava phone=5551234567 score=hot")
        agent.expect("lead saved for #1")

        agent.type("/close booked")
        agent.expect("ended")
        ended = visitor.recv_until(lambda f: f["type"] == "ended", "ended")
        assert ended.get("reason") == "agent_closed", ended

        agent.type("/quit")
        assert agent.wait_exit() == 0
    finally:
        visitor.close()

    assert b"\x1b]0;pwned" not in agent.raw, "the visitor's OSC title sequence reached the terminal"
    assert b"\x1b[2J" not in agent.raw, "the visitor's clear-screen sequence reached the terminal"
    assert b"\x07 here" not in agent.raw, "the visitor's BEL reached the terminal"

    lead = server.wait_for_lead(session)
    assert lead.get("contact", {}).get("name") == "Ava", lead
    assert lead.get("contact", {}).get("phone") == "5551234567", lead
    assert lead.get("score") == "hot", lead
    assert lead.get("disposition") == "booked", lead


def go_available(agent) -> None:
    agent.expect("signed in as Amy")
    agent.type("/available")
    agent.expect("AVAILABLE")


def take_first_chat(agent, visitor, text: str) -> None:
    """The agent signs in and goes available; the visitor says `text`; the
    agent accepts the offer as chat #1."""
    go_available(agent)
    visitor.hello()
    visitor.say(text, "v-1")
    agent.expect("NEW CHAT #1")
    agent.type("/accept")
    agent.expect("yours now")


def test_message_while_typing_keeps_the_input_line(server, agents):
    token = server.add_agent()
    agent = agents(server.ws_url, token)
    visitor = Visitor(server.ws_url)
    try:
        take_first_chat(agent, visitor, "Do you take Delta Dental?")

        agent.child.send(b"We do take Del")  # half a line, no Enter
        agent.expect("We do take Del")
        visitor.say("Also, are you open Saturday?", "v-2")
        agent.expect("(visitor): Also, are you open Saturday?")
        # After the message the prompt and the half-typed text are drawn again.
        agent.expect("#1 Demo Dental> ")
        agent.expect("We do take Del")
        agent.child.send(b"ta.\r")
        agent.expect("Amy (you): We do take Delta.")
        visitor.recv_until(lambda f: f["type"] == "message" and f.get("text") == "We do take Delta.",
                           "the whole line, not two halves")
    finally:
        visitor.close()
    agent.type("/quit")
    assert agent.wait_exit() == 0


def test_a_new_client_carries_the_chat_on(server, agents):
    """The laptop's client dies mid-chat; within the grace period a new one
    signs in, gets the chat back and shows what the visitor said meanwhile."""
    token = server.add_agent()
    first = agents(server.ws_url, token)
    visitor = Visitor(server.ws_url)
    try:
        take_first_chat(first, visitor, "Is anyone there?")
        first.child.kill(9)
        first.child.close()

        visitor.say("Hello? Still there?", "v-2")
        second = agents(server.ws_url, token)
        second.expect("1 chat carried on")
        second.expect("(visitor): Hello? Still there?")
        second.type("Sorry, I am back.")
        second.expect("Amy (you): Sorry, I am back.")
        visitor.recv_until(lambda f: f["type"] == "message" and f.get("text") == "Sorry, I am back.",
                           "the agent's message after the resume")
        second.type("/quit")
        assert second.wait_exit() == 0
    finally:
        visitor.close()


def test_reconnects_after_server_restart(tmp_path, agents):
    srv = Server(tmp_path)
    port = free_port()
    srv.start(port)
    try:
        token = srv.add_agent()
        agent = agents(srv.ws_url, token)
        agent.expect("signed in as Amy")
        agent.type("/available")
        agent.expect("AVAILABLE")
        srv.stop()
        agent.expect("disconnected")
        agent.expect("OFFLINE")
        srv.start(port)
        agent.expect("signed in as Amy", timeout=45)  # backoff tops out at 30 s
        agent.expect("AVAILABLE")  # availability is restored by itself
        agent.type("/quit")
        assert agent.wait_exit() == 0
    finally:
        srv.stop()


def test_bad_token_exits_2(server, agents):
    server.add_agent()
    agent = agents(server.ws_url, "not-the-token-0123456789abcdef")
    agent.expect("refused the token")
    assert agent.wait_exit() == 2


def test_token_is_never_an_argument(server):
    result = subprocess.run([agent_bin(), "--server", server.ws_url, "--token", "secret"],
                            capture_output=True, timeout=TIMEOUT)
    assert result.returncode == 2
    assert b"--token-file" in result.stderr and b"NIGHTDESK_AGENT_TOKEN" in result.stderr


def test_missing_token_exits_2(server):
    env = {k: v for k, v in os.environ.items() if k != "NIGHTDESK_AGENT_TOKEN"}
    result = subprocess.run([agent_bin(), "--server", server.ws_url], capture_output=True, env=env,
                            timeout=TIMEOUT, stdin=subprocess.DEVNULL)
    assert result.returncode == 2
    assert b"NIGHTDESK_AGENT_TOKEN" in result.stderr


def test_help_teaches_the_commands():
    result = subprocess.run([agent_bin(), "--help"], capture_output=True, timeout=TIMEOUT)
    assert result.returncode == 0
    for command in (b"/available", b"/accept", b"/take N", b"/switch N", b"/lead", b"/close", b"/quit"):
        assert command in result.stdout, command


def test_piped_stdin_uses_line_mode(server, tmp_path):
    """Not a terminal: no raw mode, no escape sequences, plain lines; the
    token from --token-file; end of input quits with 0."""
    token_file = tmp_path / "token"
    token_file.write_text(server.add_agent() + "\n")
    token_file.chmod(0o600)
    env = {k: v for k, v in os.environ.items() if k != "NIGHTDESK_AGENT_TOKEN"}
    proc = subprocess.Popen([agent_bin(), "--server", server.ws_url, "--token-file", str(token_file)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    lines: list[str] = []
    seen = threading.Condition()

    def pump():
        for raw in iter(proc.stdout.readline, b""):
            with seen:
                lines.append(raw.decode("utf-8", "replace"))
                seen.notify_all()

    threading.Thread(target=pump, daemon=True).start()

    def wait_for(text: str):
        with seen:
            ok = seen.wait_for(lambda: any(text in line for line in lines), timeout=TIMEOUT)
        assert ok, f"no {text!r} in {lines}"

    try:
        wait_for("online")
        proc.stdin.write(b"/available\n")
        proc.stdin.flush()
        wait_for("Amy available")
        proc.stdin.close()  # end of input: leave
        assert proc.wait(TIMEOUT) == 0, proc.stderr.read()
    finally:
        if proc.poll() is None:
            proc.kill()
    assert not any("\x1b" in line for line in lines), lines


def test_emergency_alert_rings_and_names_the_take_command(server, agents):
    token = server.add_agent()
    agent = agents(server.ws_url, token)
    go_available(agent)
    visitor = Visitor(server.ws_url)
    try:
        visitor.hello()
        visitor.say("Ava here", "v-1")
        agent.expect("NEW CHAT #1")
        agent.type("/decline")
        agent.expect("declined")
        bells_before = agent.raw.count(b"\x07")
        visitor.say("my face is swelling and I can't breathe", "v-2")
        agent.expect("URGENT #1 Demo Dental")
        agent.expect("/take 1")
        assert agent.raw.count(b"\x07") > bells_before, "the alert did not ring the bell"
        assert b"\x1b[1;7mURGENT #1" in agent.raw, "the alert is not in reverse video"
        agent.type("/take 1")
        agent.expect("can't breathe")
    finally:
        visitor.close()
