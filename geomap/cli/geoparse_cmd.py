"""``geomap geoparse IN.jsonl -o OUT.jsonl --gold-spans``: resolve the toponyms of each document jointly.

Input lines: {"id", "text", "toponyms": [{"start", "end", "name"}]}. Output lines: {"id", "toponyms": [{"start",
"end", "name", "id", "kind", "country", "lat", "lon"}]}, one answer per given span (a span is omitted only when
nothing matches). Without --gold-spans the spans and their answers come from :func:`geomap.resolution.mentions_of`,
the same path as ``geomap map``; with --gold-spans the given names are resolved jointly by
:func:`geomap.resolution.resolve_names` (the spans carry no spotter evidence to apply).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``geoparse`` sub-command to ``sub``."""
    p = sub.add_parser("geoparse", help="resolve the toponyms of JSON-lines documents (document context)")
    p.add_argument("input", metavar="IN.jsonl", help="documents, one JSON object per line ('-' for stdin)")
    p.add_argument("-o", "--output", metavar="OUT.jsonl", required=True, help="output file ('-' for stdout)")
    p.add_argument("--gold-spans", action="store_true", help="use the toponym spans given in the input")
    p.set_defaults(func=run)


def _end_to_end(text: str, gaz) -> list[dict]:
    """Spans found and resolved by the one resolution path (spot, resolve jointly, mention evidence, windows)."""
    from geomap.resolution import mentions_of

    return [{"start": m.start, "end": m.end, "name": m.name, **_answer(m.cand)} for m in mentions_of(text, gaz)]


def _gold(spans: list[dict], gaz, text: str | None = None) -> list[dict]:
    """The given spans resolved jointly (a span nothing matches is left out); with the document's ``text``,
    spans written "Name, Region" are resolved as a pair (:func:`geomap.resolution.comma_pairs`), and the names of
    a list ending in "counties" or "parishes" as those divisions (:func:`geomap.resolution.division_lists`)."""
    from geomap.resolution import comma_pairs, division_lists, resolve_names

    within = None
    names = [s["name"] for s in spans]
    if text is not None:
        order = sorted(range(len(spans)), key=lambda i: (spans[i]["start"], spans[i]["end"]))
        offsets = [(spans[i]["start"], spans[i]["end"]) for i in order]
        within = {order[a]: order[b] for a, b in comma_pairs(text, offsets).items()}
        for a, word in division_lists(text, offsets).items():  # "Warren and Butler counties"
            if not _is_region(gaz, names[order[a]]):  # "Indiana counties" are the state's, not Indiana County
                names[order[a]] = f"{names[order[a]]} {word}"
    res = resolve_names(names, gaz, within)
    return [{**s, **_answer(c)} for s, c in zip(spans, res, strict=True) if c is not None]


def _is_region(gaz, name: str) -> bool:
    """Whether a name's best context-free candidate is an admin-1 region or a country."""
    from gazetteer.errors import BadNameError

    try:
        best = gaz.resolve(name, limit=1)
    except BadNameError:
        return False
    return bool(best) and best[0].kind in ("admin1", "country")


def _answer(c) -> dict:
    return {"id": c.id, "kind": c.kind, "country": c.country, "lat": c.lat, "lon": c.lon}


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


def run(args: argparse.Namespace) -> int:
    """Resolve every document of ``args.input`` and write one JSON line per document (atomically)."""
    from gazetteer.core import Gazetteer
    from geomap.io import atomic_write_bytes, check_output_file

    if args.output != "-":
        check_output_file(args.output, example="out.jsonl")  # before any work: nothing is touched
    docs = _read(args.input)
    gaz = Gazetteer.default()
    lines = []
    for n, d in docs:
        if args.gold_spans:
            text = d.get("text") if isinstance(d.get("text"), str) else None
            tops = _gold(_spans(d, f"{args.input}:{n}"), gaz, text)
        else:
            tops = _end_to_end(str(d.get("text", "")), gaz)
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
