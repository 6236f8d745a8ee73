"""Save many documents, printing each saved index; the crash test kills this midway."""

from __future__ import annotations

import sys

from store_factory import make_coded  # this script's folder is on sys.path

from eventwire.store import open_store


def main(db: str, count: int, signature: bool) -> None:
    """Save documents 0..count-1 one by one, acknowledging each on stdout."""
    with open_store(db) as store:
        for i in range(count):
            store.save(make_coded(i, signature=signature))
            print(i, flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1")
