"""The server listens only where it is told to.

README (Configuration): `host` defaults to 127.0.0.1 ("localhost" means the
same); "0.0.0.0" listens on every IPv4 interface, "::" on both stacks. Behind a reverse proxy that is the whole of the
security: a server bound to loopback must not answer on the machine's
other addresses. libwebsockets 4.1.6 bound an IPv4 address to every
interface (both stacks) when IPv6 was on; this test caught it.

The check connects to a non-loopback address of this machine: refused when
the server was told 127.0.0.1 (and on IPv6's ::1 too), accepted when it was
told 0.0.0.0 or ::, which shows the address is reachable at all.
"""

from __future__ import annotations

import socket
import subprocess

import pytest

from nightdesk_e2e import Server, Visitor, run


def this_machines_other_address() -> str | None:
    """A non-loopback IPv4 address of this machine, if it has one."""
    try:
        out = subprocess.run(["ip", "-4", "-o", "addr", "show"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.TimeoutExpired):
        out = ""
    for line in out.splitlines():
        fields = line.split()
        if "inet" in fields:
            address = fields[fields.index("inet") + 1].split("/")[0]
            if not address.startswith("127."):
                return address
    try:  # no `ip`: the source address of a route (a UDP connect sends nothing)
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))
            address = probe.getsockname()[0]
            return None if address.startswith("127.") else address
    except OSError:
        return None


def answers(family: int, address: str, port: int) -> bool:
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.settimeout(5)
        try:
            s.connect((address, port))
            return True
        except (ConnectionRefusedError, OSError):
            return False


def on_host(server: Server, host: str) -> Server:
    """Runs `server` with `--host host` instead of the tests' 127.0.0.1."""
    plain = server.command

    def command() -> list[str]:
        cmd = plain()
        cmd[cmd.index("--host") + 1] = host
        return cmd

    server.command = command  # type: ignore[method-assign]
    return server.start()


@pytest.fixture
def other_address() -> str:
    address = this_machines_other_address()
    if address is None:
        pytest.skip("this machine has no address but loopback")
    return address


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_a_server_told_loopback_answers_only_there(make_server, other_address, host):
    server = on_host(make_server(start=False), host)
    assert "without TLS" not in "\n".join(server.log), "a loopback-only server was warned about the network"
    assert answers(socket.AF_INET, "127.0.0.1", server.port)

    async def chat():
        v = await Visitor.connect(server)
        await v.hello()
        await v.say("Only over loopback.")

    run(chat())
    assert not answers(socket.AF_INET, other_address, server.port), (
        f"told {host}, the server answered on {other_address}:{server.port}")
    if socket.has_ipv6:
        assert not answers(socket.AF_INET6, "::1", server.port), f"told {host}, the server answered on [::1]:{server.port}"


def ipv6_loopback() -> bool:
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as probe:
            probe.bind(("::1", 0))
        return True
    except OSError:
        return False


def test_a_server_told_every_ipv4_interface_answers_on_them(make_server, other_address):
    server = on_host(make_server(start=False), "0.0.0.0")
    assert "listening on 0.0.0.0 without TLS" in "\n".join(server.log), "no warning that chats would cross the network unencrypted"
    assert answers(socket.AF_INET, "127.0.0.1", server.port)
    assert answers(socket.AF_INET, other_address, server.port), (
        f"told 0.0.0.0, the server did not answer on {other_address}:{server.port}")
    if ipv6_loopback():
        assert not answers(socket.AF_INET6, "::1", server.port), f"told 0.0.0.0 (IPv4), the server answered on [::1]:{server.port}"


def test_a_server_told_both_stacks_answers_on_both(make_server, other_address):
    if not ipv6_loopback():
        pytest.skip("no IPv6 loopback on this machine")
    server = on_host(make_server(start=False), "::")
    assert answers(socket.AF_INET6, "::1", server.port)
    assert answers(socket.AF_INET, other_address, server.port), f"told ::, the server did not answer on {other_address}:{server.port}"


def test_a_server_told_ipv6_loopback_answers_only_there(make_server):
    if not ipv6_loopback():
        pytest.skip("no IPv6 loopback on this machine")
    server = on_host(make_server(start=False), "::1")
    assert f"listening on http://[::1]:{server.port}/" in "\n".join(server.log), "the URL shown is not one a browser takes"
    assert answers(socket.AF_INET6, "::1", server.port)
    assert not answers(socket.AF_INET, "127.0.0.1", server.port), f"told ::1, the server answered on 127.0.0.1:{server.port}"
