"""CSV export opens correctly in a spreadsheet and cannot inject formulas:
cells starting with =, +, - or @ are neutralised, quotes and newlines in
visitor text survive."""

import csv
import io

from staff_api import TWO_SITES, api, make_lead, staff_token


def test_csv_quoting_and_formula_neutralisation(make_server):
    server = make_server(config=TWO_SITES)
    token = staff_token(server, "desk")
    make_lead(server, '=HYPERLINK("http://evil.example","click") I need a cleaning, my number is 555 123 4567')
    make_lead(server, '@SUM(1+1) "quoted" toothache\nand a second line')
    make_lead(server, "+1 555 777 8888 please call")
    status, headers, raw = api(server, "/api/leads.csv", token)
    assert status == 200
    assert {k.lower(): v for k, v in headers.items()}["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"))))
    assert len(rows) == 3
    reasons = [row["reason"] for row in rows]
    assert any(r.startswith("'=HYPERLINK") for r in reasons), reasons
    assert any(r.startswith("'@SUM") and '"quoted"' in r and "\n" in r for r in reasons), reasons
    for row in rows:
        for value in row.values():
            assert not value or value[0] not in "=+-@", f"formula cell survived: {value!r}"
    assert any(row["phone"].startswith("'+1") for row in rows), [row["phone"] for row in rows]
