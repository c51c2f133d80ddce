"""``geomap geoparse IN.jsonl -o OUT.jsonl --gold-spans``: resolve the toponyms of each document jointly.

Input lines: {"id", "text", "toponyms": [{"start", "end", "name"}]}. Output lines: {"id", "toponyms": [{"start",
"end", "name", "id", "kind", "country", "lat", "lon"}]}, one answer per given span (a span is omitted only when
nothing matches). Without --gold-spans the spans come from the text extractor (``geomap.text.spotter.spot``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:  # noqa: D103
    p = sub.add_parser("geoparse", help="resolve the toponyms of JSON-lines documents (document context)")
    p.add_argument("input", metavar="IN.jsonl", help="documents, one JSON object per line ('-' for stdin)")
    p.add_argument("-o", "--output", metavar="OUT.jsonl", required=True, help="output file ('-' for stdout)")
    p.add_argument("--gold-spans", action="store_true", help="use the toponym spans given in the input")
    p.set_defaults(func=run)


def _spans_end_to_end(text: str, gaz) -> list[dict]:
    """Hook for end-to-end geoparsing: the text extractor finds the spans."""
    from geomap.text.spotter import spot_spans  # toponym spans incl. country adjectives ("Russian")

    return [{"start": s, "end": e, "name": n} for s, e, n in spot_spans(text, gaz)]


def _read(path: str) -> list[tuple[int, dict]]:
    from geomap.errors import InputError
    from geomap.text.reader import decode_text, read_bytes

    if path == "-":
        raw = decode_text(sys.stdin.buffer.read(), "<stdin>")
    else:
        raw = decode_text(read_bytes(path, what="JSON-lines"), path)
    docs = []
    for n, line in enumerate(raw.split("\n"), 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
        except ValueError as exc:
            raise InputError(f"{path}:{n}: not valid JSON ({exc.msg}); each line must be one JSON object") from None
        if not isinstance(d, dict):
            raise InputError(f"{path}:{n}: each line must be a JSON object with 'id' and 'text'")
        docs.append((n, d))
    return docs


def _spans(d: dict, where: str) -> list[dict]:
    from geomap.errors import InputError

    tops = d.get("toponyms")
    if not isinstance(tops, list):
        raise InputError(f"{where}: --gold-spans needs a 'toponyms' list of {{start, end, name}}")
    out = []
    text = d.get("text") if isinstance(d.get("text"), str) else None
    for t in tops:
        if not isinstance(t, dict) or not isinstance(t.get("start"), int) or not isinstance(t.get("end"), int):
            raise InputError(f"{where}: each toponym needs integer 'start' and 'end'")
        name = t.get("name")
        if not isinstance(name, str):
            if text is None:
                raise InputError(f"{where}: a toponym has no 'name' and the document has no 'text'")
            name = text[t["start"]:t["end"]]
        out.append({"start": t["start"], "end": t["end"], "name": name})
    return out


def run(args: argparse.Namespace) -> int:  # noqa: D103
    from gazetteer.core import Gazetteer
    from gazetteer.rank import resolve_document
    from geomap.io import atomic_write_bytes, check_output_file

    if args.output != "-":
        check_output_file(args.output, example="out.jsonl")  # before any work: nothing is touched
    docs = _read(args.input)
    gaz = Gazetteer.default()
    lines = []
    for n, d in docs:
        where = f"{args.input}:{n}"
        if args.gold_spans:
            spans = _spans(d, where)
        else:
            spans = _spans_end_to_end(str(d.get("text", "")), gaz)
        res = resolve_document(gaz, [s["name"] for s in spans])
        tops = []
        for s, c in zip(spans, res, strict=True):
            if c is None:
                continue
            tops.append({**s, "id": c.id, "kind": c.kind, "country": c.country, "lat": c.lat, "lon": c.lon})
        lines.append(json.dumps({"id": d.get("id"), "toponyms": tops}, ensure_ascii=False))
    body = "\n".join(lines) + ("\n" if lines else "")
    if args.output == "-":
        sys.stdout.write(body)
        return 0
    out = Path(args.output)
    atomic_write_bytes(out, body.encode("utf-8"))
    print(f"geoparse: {len(lines)} documents, {sum(len(json.loads(x)['toponyms']) for x in lines)} toponyms "
          f"resolved -> {out}", file=sys.stderr)
    return 0
