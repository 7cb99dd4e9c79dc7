#!/usr/bin/env python3
"""Consistency check for the Dateline dev set: every gold file parses, matches its
article, uses the agreed vocabulary, and quotes its evidence verbatim."""
import datetime
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TYPES = {"protest", "riot", "attack", "air_strike", "shelling_missile", "armed_clash",
         "killing", "evacuation", "statement", "arrest", "disaster", "election",
         "agreement", "other"}
PRECISIONS = {"day", "week", "month", "year", "unknown"}
SALIENCE = {"main", "minor", "background"}
LEVELS = {"site", "city", "region", "country", None}
REQUIRED = ["id", "summary", "date", "date_precision", "place", "country", "lat", "lon",
            "type", "actors", "fatalities", "injured", "evidence", "salience", "place_level"]
HEADER = re.compile(r"^ date (\d{4}-\d{2}-\d{2}) (\S.*)$")
RESOLVED = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def valid_day(s):
    try:
        datetime.date.fromisoformat(s)
        return True
    except (TypeError, ValueError):
        return False


def check_resolved(value):
    if value is None:
        return True
    if not isinstance(value, str) or not RESOLVED.match(value):
        return False
    parts = value.split("-")
    if len(parts) == 3:
        return valid_day(value)
    if len(parts) == 2:
        return 1 <= int(parts[1]) <= 12
    return True


def check_pair(article, gold):
    errs, warns = [], []
    text = article.read_text(encoding="utf-8")
    lines = text.split("\n")
    m = HEADER.match(lines[0])
    if not m:
        errs.append("header line does not match ' date YYYY-MM-DD Title'")
        return errs, warns
    if len(lines) < 3 or lines[1] != "":
        errs.append("second line must be blank")
    body = "\n".join(lines[2:])
    try:
        doc = json.loads(gold.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        errs.append(f"JSON does not parse: {e}")
        return errs, warns
    if doc.get("publication_date") != m.group(1):
        errs.append(f"publication_date {doc.get('publication_date')} != header {m.group(1)}")
    if not valid_day(doc.get("publication_date")):
        errs.append("publication_date is not a valid date")
    if doc.get("source") != f"tests/devset/articles/{article.name}":
        errs.append(f"source field is {doc.get('source')!r}")
    for i, ev in enumerate(doc.get("events", [])):
        where = f"event {i}"
        for key in REQUIRED:
            if key not in ev:
                errs.append(f"{where}: missing {key}")
        if ev.get("id") != i:
            errs.append(f"{where}: id is {ev.get('id')}")
        if ev.get("type") not in TYPES:
            errs.append(f"{where}: type {ev.get('type')!r}")
        for alt in ev.get("alt_types", []):
            if alt not in TYPES:
                errs.append(f"{where}: alt_type {alt!r}")
        if ev.get("salience") not in SALIENCE:
            errs.append(f"{where}: salience {ev.get('salience')!r}")
        if ev.get("place_level") not in LEVELS:
            errs.append(f"{where}: place_level {ev.get('place_level')!r}")
        prec = ev.get("date_precision")
        if prec not in PRECISIONS:
            errs.append(f"{where}: date_precision {prec!r}")
        date = ev.get("date")
        if date is None:
            if prec != "unknown":
                errs.append(f"{where}: null date needs precision 'unknown'")
        elif not valid_day(date):
            errs.append(f"{where}: date {date!r} is not YYYY-MM-DD")
        else:
            if prec == "unknown":
                errs.append(f"{where}: dated event with precision 'unknown'")
            if prec == "month" and not date.endswith("-01"):
                errs.append(f"{where}: month precision must use day 01")
            if prec == "year" and not date.endswith("-01-01"):
                errs.append(f"{where}: year precision must use 01-01")
        for key in ("fatalities", "injured"):
            v = ev.get(key)
            if v is not None and (not isinstance(v, int) or isinstance(v, bool) or v < 0):
                errs.append(f"{where}: {key} {v!r}")
        lat, lon = ev.get("lat"), ev.get("lon")
        if (lat is None) != (lon is None):
            errs.append(f"{where}: lat/lon only half given")
        if lat is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180):
            errs.append(f"{where}: lat/lon out of range")
        cc = ev.get("country")
        if cc is not None and not re.fullmatch(r"[A-Z]{2}", cc):
            errs.append(f"{where}: country {cc!r}")
        if not isinstance(ev.get("actors"), list):
            errs.append(f"{where}: actors must be a list")
        evidence = ev.get("evidence", "")
        n = body.count(evidence) if evidence else 0
        if n == 0:
            errs.append(f"{where}: evidence not found verbatim: {evidence[:70]!r}")
        elif n > 1:
            warns.append(f"{where}: evidence occurs {n} times")
    for p in doc.get("places", []):
        if not (-90 <= p.get("lat", 999) <= 90 and -180 <= p.get("lon", 999) <= 180):
            errs.append(f"place {p.get('name')!r}: bad lat/lon")
    for d in doc.get("dates_mentioned", []):
        if not check_resolved(d.get("resolved")):
            errs.append(f"dates_mentioned {d.get('text')!r}: bad resolved {d.get('resolved')!r}")
    return errs, warns


def main():
    articles = sorted((ROOT / "articles").glob("*.txt"))
    golds = {g.stem for g in (ROOT / "gold").glob("*.json")}
    failed = False
    for art in articles:
        gold = ROOT / "gold" / (art.stem + ".json")
        if not gold.exists():
            print(f"{art.name}: no gold file")
            failed = True
            continue
        golds.discard(art.stem)
        errs, warns = check_pair(art, gold)
        n = len(json.loads(gold.read_text(encoding="utf-8")).get("events", [])) if not errs else "?"
        status = "FAIL" if errs else "ok"
        print(f"{status:4} {art.name} ({n} events)")
        for e in errs:
            print("     error:", e)
        for w in warns:
            print("     warning:", w)
        failed |= bool(errs)
    for stray in sorted(golds):
        print(f"gold/{stray}.json has no article")
        failed = True
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
