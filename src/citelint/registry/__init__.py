"""The registry of known documents: YAML with positions, the models, validation, the index that
resolution uses, the cache of a validated registry, and the views `citelint registry` prints."""
