"""The documented import path of the Dask integration: see :mod:`citelint.check.distributed`."""

from .check.distributed import (
    MAX_BATCH,
    DistributedError,
    article_reader,
    batch_size,
    check_paths,
    connect,
    iter_check_paths,
    lint_bag,
)

__all__ = ["MAX_BATCH", "DistributedError", "article_reader", "batch_size", "check_paths", "connect", "iter_check_paths",
           "lint_bag"]
