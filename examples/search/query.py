"""Parses user queries and ranks results (the example notes' query side)."""


def parse_query(text):
    """Splits a query into FTS5 terms, quoting each so operators in user text stay literal."""
    return " ".join('"' + term.replace('"', '""') + '"' for term in text.split())
