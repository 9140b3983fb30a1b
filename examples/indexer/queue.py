"""Pulls change events from the database's outbox and batches them (the example notes' queue)."""


def pull_batch(outbox, size=500):
    """Takes up to `size` pending change events, oldest first."""
    batch = outbox[:size]
    del outbox[:size]
    return batch
