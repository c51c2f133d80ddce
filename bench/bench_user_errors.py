"""Every user mistake is one clear line: run the table of tests/test_user_errors.py and print the counts.

    .venv/bin/python bench/bench_user_errors.py [-v]
    PYTHONPATH=/path/to/other/checkout .venv/bin/python bench/bench_user_errors.py   # measure another checkout

Prints one line per row that is not clean (what went wrong, the first stderr line) and the totals: kinds tried,
clean errors, tracebacks, internal errors, partial outputs, user files lost. Asserts nothing.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-v", action="store_true", help="print every row, clean ones too")
    a = ap.parse_args()
    sys.path.insert(0, str(ROOT / "tests"))
    from test_user_errors import CASES, restore_permissions, run_case, tally  # noqa: PLC0415

    import geomap

    print(f"geomap from {Path(geomap.__file__).parent}")
    done = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, case in enumerate(CASES):
            d = Path(tmp) / f"r{i}" / "w"
            try:
                o = run_case(case, d)
            finally:
                restore_permissions(d.parent)
            done.append((o, d))
            ok = o.clean(d)
            if a.v or not ok:
                what = [w for w, bad in (("traceback", o.traceback), ("internal", o.internal),
                                         (f"exit {o.code}≠{case.code}", o.code != case.code),
                                         (f"{len(o.lines)} lines", len(o.lines) != 1),
                                         ("does not name the input", bool(o.lines) and not o.named(d)),
                                         (f"wrote {o.new[:3]}", bool(o.new)), (f"LOST {o.lost[:3]}", bool(o.lost)))
                        if bad]
                first = (o.raised or (o.lines[0] if o.lines else "")).replace(str(d), "<d>")[:150]
                print(f"{'ok ' if ok else 'BAD'} {case.id:<62} {', '.join(what):<40} {first}", flush=True)
    print()
    for k, v in tally(done).items():
        print(f"{k:<16} {v}")


if __name__ == "__main__":
    main()
