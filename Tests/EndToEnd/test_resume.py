"""Resuming a session: nothing is missed across a dropped connection, and
every connection of a session (several tabs) receives every message.

Proves: a reconnect with the resume token and `last_seq=k` gets `resumed:
true`, the same session, and in `welcome.history` exactly the messages with
seq > k (contiguous, matching what was seen); a second connection with the
same token at the same time gets the messages said on the first, and the
reverse.
"""

from nightdesk_e2e import Visitor, assert_welcome, run


def test_resume_and_last_seq(server):
    async def body():
        first = await Visitor.connect(server, label="first")
        await first.hello()
        k = await first.say_and_get_reply("My tooth hurts since yesterday.")
        await first.say_and_get_reply("Can someone call me tomorrow morning?")
        seen_before = dict(first.messages)
        assert max(seen_before) > k
        first.abort()  # signal lost: no close handshake, no leave

        again = await Visitor.connect(server, label="again")
        welcome = await again.hello(resume=first.resume_token, last_seq=k)
        assert_welcome(welcome, resumed=True)
        assert welcome["session"] == first.session

        history = welcome["history"]
        seqs = [m["seq"] for m in history]
        assert seqs, "history after last_seq is empty although messages followed it"
        assert seqs == list(range(k + 1, k + 1 + len(seqs))), f"history seqs after {k}: {seqs}"
        for m in history:
            if m["seq"] in seen_before:
                assert (m["from"], m["text"]) == (seen_before[m["seq"]]["from"], seen_before[m["seq"]]["text"])
        missing = [s for s in seen_before if s > k and s not in seqs]
        assert not missing, f"messages after last_seq missing from history: {missing}"

        # The session goes on where it was.
        seq = await again.say_and_get_reply("Still there?")
        assert seq > max(seen_before)
        await again.leave()

    run(body())


def test_second_tab_receives_messages_of_the_first(server):
    async def body():
        tab1 = await Visitor.connect(server, label="tab1")
        await tab1.hello()
        await tab1.say_and_get_reply("First question from tab 1")

        tab2 = await Visitor.connect(server, label="tab2")
        welcome = await tab2.hello(resume=tab1.resume_token, last_seq=max(tab1.messages))
        assert welcome["resumed"] is True and welcome["session"] == tab1.session

        # Said on tab 1: tab 2 gets the visitor's message and the bot's reply.
        seq = await tab1.say_and_get_reply("Said on tab 1")
        await tab2.recv_until(
            lambda: tab2.messages.get(seq, {}).get("text") == "Said on tab 1", what="fan-out of tab 1's say"
        )
        await tab2.recv_until(
            lambda: any(s > seq and m["from"] == "bot" for s, m in tab2.messages.items()),
            what="bot reply fanned out to tab 2",
        )

        # And the other way round.
        seq2 = await tab2.say_and_get_reply("Said on tab 2")
        await tab1.recv_until(
            lambda: tab1.messages.get(seq2, {}).get("text") == "Said on tab 2", what="fan-out of tab 2's say"
        )

        # Both tabs converge on the same transcript from the point tab 2 joined.
        await tab1.recv_until(lambda: max(tab1.messages) >= max(tab2.messages), what="tab 1 catching up")
        await tab2.recv_until(lambda: max(tab2.messages) >= max(tab1.messages), what="tab 2 catching up")
        start, end = min(tab2.messages), min(max(tab1.messages), max(tab2.messages))
        assert [x for x in tab1.seen() if start <= x[0] <= end] == [x for x in tab2.seen() if x[0] <= end]

        await tab1.leave()
        await tab2.recv_until(lambda: tab2.ended is not None, what="ended on the other tab")
        assert tab2.ended["reason"] == "visitor_left"

    run(body())
