"""A second server on a port already taken says so and exits 1.

libwebsockets 4.1 keeps a context whose listening socket failed to bind;
without our check the server ran deaf on "port -1" instead of failing.
"""

import subprocess

from nightdesk_e2e import nightdesk_bin


def test_port_in_use_exits_1_with_the_reason(server, tmp_path):
    result = subprocess.run(
        [str(nightdesk_bin()), "serve", "--data", str(tmp_path / "second"), "--port", str(server.port)],
        capture_output=True, text=True, timeout=30,
    )
    assert result.returncode == 1, (result.returncode, result.stderr[-2000:])
    assert f"could not listen on 127.0.0.1:{server.port}: the port is in use" in result.stderr, result.stderr
    assert "listening on" not in result.stderr, result.stderr
