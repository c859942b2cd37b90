"""The ``citelint`` command: one module per command group, sharing the plumbing in :mod:`.common`."""
