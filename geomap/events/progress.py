"""The progress of a corpus run on stderr: a tqdm bar (documents, claims, docs/s, ETA) when stderr is a terminal,
nothing otherwise (piped, redirected, ``--quiet``). tqdm is imported only when a bar is shown."""

from __future__ import annotations

import sys
from typing import Any


class Progress:
    """Counts documents and claims as results arrive; draws them when ``enabled`` and stderr is a terminal."""

    def __init__(self, total: int, enabled: bool) -> None:
        """``total``: documents expected; ``enabled``: False under ``--quiet``."""
        self.claims = 0
        self.bar: Any = None
        if enabled and sys.stderr.isatty():
            from tqdm import tqdm

            # the claim count rides in the description slot: "documents: 12/200, 31 claims |███| [3.1 doc/s, ETA 01:00]"
            self.bar = tqdm(total=total, desc="0 claims", unit="doc", file=sys.stderr, dynamic_ncols=True,
                            bar_format="documents: {n_fmt}/{total_fmt}, {desc} |{bar}| [{rate_noinv_fmt}, "
                                       "ETA {remaining}]")

    def update(self, results: list[dict]) -> None:
        """Count the claim rows of finished documents (``process_document`` results) and advance the bar."""
        self.claims += sum(r.get("row_type") == "claim" for res in results for r in res["rows"])
        if self.bar is not None:
            self.bar.set_description_str(f"{self.claims:,} claims", refresh=False)
            self.bar.update(len(results))

    def close(self) -> None:
        """Finish the bar (leaves its last state on the terminal)."""
        if self.bar is not None:
            self.bar.close()
