"""A malformed hello (missing site, mistyped last_seq or utm) is a
bad_request like any other malformed frame: the connection stays open and
a correct hello afterwards is welcomed."""

from nightdesk_e2e import Visitor, run


def test_malformed_hello_is_bad_request_and_the_connection_stays(server):
    async def body():
        v = await Visitor.connect(server)
        for bad in ({"type": "hello", "role": "visitor"},
                    {"type": "hello", "role": "visitor", "site": "demo", "last_seq": "seven"},
                    {"type": "hello", "role": "visitor", "site": "demo", "utm": ["x"]}):
            before = len(v.errors)
            await v.send(bad)
            await v.recv_until(lambda: len(v.errors) > before, what=f"error for {bad}")
            assert v.errors[-1]["code"] == "bad_request", v.errors[-1]
        welcome = await v.hello()
        assert welcome["type"] == "welcome"

    run(body())
