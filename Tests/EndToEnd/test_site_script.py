"""A site's own script file runs in the real server, and `nightdesk check`
reports a broken script with its place.

Proves:
- a config naming `script = "night.toml"` (relative to the config) makes
  the server greet with that script's words and ask its first question;
  its answers to common questions, its branch and its closing follow;
- `nightdesk check --config` and `--script` exit 2 on a script with an
  unknown step and a bad pattern, printing FILE:LINE:COLUMN for each;
- `nightdesk example-script` prints a script that checks clean.
"""

import subprocess

from nightdesk_e2e import Visitor, nightdesk_bin, run

SCRIPT = """
[script]
start = "name"
greeting = "Good evening from {practice}!"
closing = "Lovely[, {name}]. We'll {callback} {when}."

[steps.name]
field = "name"
ask = "Who am I speaking with?"
next = "phone"

[steps.phone]
field = "phone"
ask = "Your number, please?"
reask = "That number looks short; with the area code, please."
next = "done"

[answers.parking]
match = ["park*"]
answer = "Park on Elm Street, it's free after 6."
"""

CONFIG = """
[sites.elm]
name = "Elm Street Clinic"
phone = "+1 555 0199"
timezone = "America/Chicago"
hours = "closed"
script = "night.toml"
"""


def test_a_sites_script_speaks_in_the_real_server(make_server):
    server = make_server(config=CONFIG, start=False)
    (server.config.parent / "night.toml").write_text(SCRIPT, "utf-8")
    server.start()

    async def body():
        v = await Visitor.connect(server)
        await v.hello(site="elm")
        await v.recv_until(lambda: any(m.get("from") == "bot" for m in v.messages.values()), what="greeting")
        assert v.messages[1]["text"] == "Good evening from Elm Street Clinic! Who am I speaking with?", v.messages[1]

        async def reply_to(text: str, count: int = 1) -> list[str]:
            seq = await v.say(text)

            def replies() -> list[str]:
                return [m["text"] for s, m in sorted(v.messages.items()) if s > seq and m.get("from") == "bot"]

            await v.recv_until(lambda: len(replies()) >= count, what=f"{count} replies to {text!r}")
            return replies()

        assert await reply_to("where do I park?", count=2) == ["Park on Elm Street, it's free after 6.", "Who am I speaking with?"]
        assert await reply_to("Ava") == ["Your number, please?"]
        assert await reply_to("555 12") == ["That number looks short; with the area code, please."]
        closing = await reply_to("555 201 3344")
        assert closing == ["Lovely, Ava. We'll call you at 555 201 3344 as soon as we open."], closing
        await v.leave()

    run(body())


def check(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(nightdesk_bin()), "check", *args], capture_output=True, text=True, timeout=30)


def test_check_reports_script_mistakes_with_their_place(tmp_path):
    broken = SCRIPT.replace('next = "phone"', 'next = "phnoe"').replace('"park*"', '"p*"')
    (tmp_path / "night.toml").write_text(broken, "utf-8")
    (tmp_path / "nightdesk.toml").write_text(CONFIG, "utf-8")
    for args in (("--config", str(tmp_path / "nightdesk.toml")), ("--script", str(tmp_path / "night.toml"))):
        result = check(*args)
        assert result.returncode == 2, result
        lines = result.stderr.splitlines()
        assert any(line.endswith("night.toml:10:8: 'next' names an unknown step 'phnoe'; did you mean 'phone'? "
                                 "Steps: name, phone, done") for line in lines), result.stderr
        assert any("night.toml:19:10: bad pattern 'p*'" in line for line in lines), result.stderr


def test_example_script_checks_clean(tmp_path):
    printed = subprocess.run([str(nightdesk_bin()), "example-script"], capture_output=True, text=True, timeout=30)
    assert printed.returncode == 0 and "[steps.name]" in printed.stdout
    (tmp_path / "s.toml").write_text(printed.stdout, "utf-8")
    result = check("--script", str(tmp_path / "s.toml"))
    assert result.returncode == 0 and "ok, 8 steps" in result.stdout, result
