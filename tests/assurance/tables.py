"""Read a page's table the way a person reads it: the text of each row's cells."""

from html.parser import HTMLParser


class _Tables(HTMLParser):
    def __init__(self, testid: str):
        super().__init__()
        self.testid, self.depth, self.rows, self.cell = testid, 0, [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and (self.depth or attrs.get("data-testid") == self.testid):
            self.depth += 1
        elif self.depth and tag == "tr":
            self.rows.append([])
        elif self.depth and tag in ("td", "th"):
            self.cell = []
        elif self.depth and tag == "br" and self.cell is not None:
            self.cell.append(" ")

    def handle_endtag(self, tag):
        if tag == "table" and self.depth:
            self.depth -= 1
        elif self.depth and tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def table(html: str, testid: str) -> list[list[str]]:
    """The rows (header row first) of the table with data-testid=`testid`."""
    parser = _Tables(testid)
    parser.feed(html)
    assert parser.rows, f"no table {testid}"
    return parser.rows


def row_of(rows: list[list[str]], name: str) -> list[str]:
    return next(r for r in rows if r and r[0] == name)
