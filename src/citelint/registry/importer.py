"""``citelint registry import``: documents from a table (CSV or JSON) into registry files.

A row names one document: ``symbol``, ``type`` and a source (``source_url``, or ``sources``
joined by " | ") are required; ``issuer`` (the body's name; joint bodies joined by "và" or
commas), ``date`` (ISO), ``title``, ``effective_date``, ``names`` and ``status`` are read when
present.  A second table (``--extra``) keyed by type and symbol adds effective dates.

Every row is checked, and each error names the file and its line (for JSON, the item): a
symbol citelint cannot read as a State or law symbol, an unknown type, a date that is no date,
no source, a body the registry does not know.  The issuer is the body whose code the symbol
carries (``TT-BTC`` → Bộ Tài chính; a joint circular's first code, the others as
``co_issuers``), checked against the name the row gives; a row whose name and code disagree is
imported from its code, unverified.  ``verified`` is true only for a row the table marks
``verified`` (someone checked that its source states it) that has a date and a body agreeing
with its code.

Laws, codes and ordinances get the name they are cited by ("Luật Đất đai", "Bộ luật Lao
động"), from their title; amending laws get none.

The entries are written as YAML files in the target directory, one per issuer and decade
(``bo-tai-chinh-2010s.yaml``), sorted, so that a re-import of the same table writes the same
bytes.  Nothing is written unless every row is valid (or ``skip_invalid`` drops the invalid
ones) and the registry with the new files validates; each file is replaced atomically.
Entries whose id the registry already has in other files are left to those files.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .. import vocabulary as v

IMPORT_HEADER = "# Written by `citelint registry import`"

_SOURCE_SEPARATOR = " | "
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# "Bộ Tài chính và Bộ Khoa học và Công nghệ", "Bộ Công an, Bộ Quốc phòng và Tòa án nhân dân tối
# cao": split before the next body's first word, not inside "Bộ Văn hóa, Thể thao và Du lịch"
_BODY_START = r"(?=(?:Bộ|Ban|Toà|Tòa|Viện|Ngân|Ủy|Uỷ|Thanh|Kiểm|Văn|Chính|Thủ|Quốc|Hội|Trung|Đoàn|Tổng)\s)"
_BODY_SPLIT = re.compile(r"\s*,\s*" + _BODY_START + r"|\s+và\s+" + _BODY_START)
# the type names a table may use for the registry's types
_TYPE_ALIASES = {"Bộ luật": "Luật", "Bộ Luật": "Luật"}
# amending laws are cited by what they amend, not by a name of their own
_AMENDING = re.compile(r"^(?:luật\s+|pháp\s+lệnh\s+)?sửa\s+đổi", re.IGNORECASE)


@dataclass
class RowError:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class ImportResult:
    documents: list[dict] = field(default_factory=list)  # registry entries, plain values
    errors: list[RowError] = field(default_factory=list)  # rows not imported
    warnings: list[RowError] = field(default_factory=list)  # rows imported with a remark
    skipped: int = 0  # rows whose document the registry already has


# --- reading tables ---------------------------------------------------------------------------------


def read_table(path: Path) -> tuple[list[tuple[int, dict[str, str]]], list[RowError]]:
    """The rows of a CSV (with a header) or JSON (a list of objects) file, each with its line
    (CSV) or item number (JSON)."""
    name = str(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as e:
        return [], [RowError(name, 1, f"not UTF-8 text ({e.reason} at byte {e.start})")]
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            return [], [RowError(name, e.lineno, f"not JSON: {e.msg} (column {e.colno})")]
        if not isinstance(data, list) or not all(isinstance(x, dict) for x in data):
            return [], [RowError(name, 1, "a JSON table is a list of objects, one per document")]
        return [(i + 1, {str(k): "" if x is None else str(x) if not isinstance(x, list) else _SOURCE_SEPARATOR.join(map(str, x))
                         for k, x in item.items()}) for i, item in enumerate(data)], []
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows: list[tuple[int, dict[str, str]]] = []
    try:
        line = 2
        for row in reader:
            rows.append((line, {k: (val or "") for k, val in row.items() if k is not None}))
            line = reader.line_num + 1
    except csv.Error as e:
        return [], [RowError(name, reader.line_num, f"not CSV: {e}")]
    if reader.fieldnames is None:
        return [], [RowError(name, 1, "an empty table: a header row is needed")]
    return rows, []


# --- one row ----------------------------------------------------------------------------------------


@dataclass
class _Issuers:
    """The registry's bodies, by folded name and by symbol code."""

    by_name: dict[str, str]
    by_code: dict[str, str]

    @classmethod
    def of(cls, issuers: Iterable[Any]) -> "_Issuers":
        by_name: dict[str, str] = {}
        by_code: dict[str, str] = {}
        for i in issuers:
            if i.kind != "state":
                continue
            for n in (i.name, *i.aliases):
                by_name.setdefault(_name_key(n), i.id)
            for c in i.codes:
                by_code.setdefault(c, i.id)
        return cls(by_name, by_code)

    def named(self, text: str) -> list[str | None]:
        return [self.by_name.get(_name_key(part)) for part in _BODY_SPLIT.split(text.strip()) if part.strip()]

    def coded(self, code: str) -> str | None:
        code = v.canonical_issuer_code(code)
        return self.by_code.get(code) or self.by_code.get(code.rstrip("0123456789"))


def _name_key(name: str) -> str:
    return v.fold(name.strip().rstrip(".").replace(" - ", ", ").replace(" -", ",").replace("-", " "))


def convert_row(path: str, line: int, row: dict[str, str], issuers: _Issuers,
                extra: dict[tuple[str, str], dict[str, str]]) -> tuple[dict | None, RowError | None, RowError | None]:
    """The registry entry of one row, or the error that keeps it out; and a remark, if any."""
    from .. import extract

    def error(message: str) -> tuple[None, RowError, None]:
        return None, RowError(path, line, message), None

    raw_type = row.get("type", "").strip()
    raw_symbol = row.get("symbol", "").strip().strip("'\"").strip()  # "'56/2020/TT-BCT": a quote typed before it
    if not raw_symbol:
        return error("no symbol")
    doc_type = _TYPE_ALIASES.get(raw_type, raw_type)
    if doc_type not in v.TYPE_BY_NAME:
        return error(f"unknown type {raw_type!r} (known: {', '.join(v.TYPE_BY_NAME)}, Bộ luật)")
    found = [c for c in extract(f"{doc_type} số {raw_symbol}") if c.kind in ("state", "law") and c.symbol]
    if len(found) != 1 or found[0].start != 0:
        return error(f"{raw_symbol!r} is not a symbol citelint reads as a State document's")
    c = found[0]
    symbol = c.symbol
    written = re.sub(r"[\s.\"'()]+$|^[\s\"']+", "", raw_symbol)
    if v.fold(symbol) != v.fold(written.replace("Ð", "Đ")):
        return error(f"{raw_symbol!r} reads as {symbol!r}: correct the symbol in the table")
    sources = [s.strip() for s in (row.get("sources") or row.get("source_url") or "").split(_SOURCE_SEPARATOR) if s.strip()]
    if not sources:
        return error("no source: every document needs one (source_url or sources)")
    date = row.get("date", "").strip()
    if date and not _valid_date(date):
        return error(f"date {date!r} is not a date in the form YYYY-MM-DD")
    more = extra.get((doc_type, symbol)) or extra.get((raw_type, raw_symbol)) or {}
    effective = (row.get("effective_date") or "").strip()
    if not effective and ";" not in more.get("effective_date", ""):  # several dates in the extra table: none is stated
        effective = more.get("effective_date", "").strip()
    if effective and not _valid_date(effective):
        return error(f"effective date {effective!r} is not a date in the form YYYY-MM-DD")

    # the issuer: the bodies whose codes the symbol carries, checked against the row's names
    codes = [x for x in (c.issuer_code or "").split("-") if x]
    by_code = [issuers.coded(x) for x in codes]
    named = issuers.named(row.get("issuer", "")) if row.get("issuer", "").strip() else []
    remark = None
    agree = True
    if by_code and all(by_code):
        ids = list(dict.fromkeys(i for i in by_code if i))
        if named and (None in named or set(named) != set(ids)):
            agree = False
            remark = RowError(path, line, f"the table names {row.get('issuer', '').strip()!r}, the symbol {symbol} another body: "
                                          "imported from the symbol, unverified")
    elif named and None not in named:
        ids = list(dict.fromkeys(i for i in named if i))
    else:
        unknown = [x for x, i in zip(codes, by_code) if i is None]
        what = f"codes {', '.join(unknown)}" if unknown else f"body {row.get('issuer', '').strip()!r}"
        return error(f"no registry issuer for the {what} of {symbol}: add the body to the registry's issuers")

    entry: dict[str, Any] = {
        "id": document_id(doc_type, symbol),
        "type": doc_type,
        "number": c.number,
        "symbol": symbol,
        "issuer": ids[0],
    }
    if len(ids) > 1:
        entry["co_issuers"] = ids[1:]
    if date:
        entry["date"] = date
    if effective:
        entry["effective"] = effective
    title = " ".join((row.get("title") or "").split())
    if title:
        entry["title"] = title
    names = [n.strip() for n in (row.get("names") or "").split(_SOURCE_SEPARATOR) if n.strip()] or law_names(raw_type, title)
    if names:
        entry["names"] = names
    status = (row.get("status") or "").strip()
    if status:
        entry["status"] = status
    entry["sources"] = sources
    # verified only where the table says its source was checked, and the row is consistent
    entry["verified"] = (row.get("verified") or "").strip().lower() in ("true", "yes", "1") and bool(date and named and agree)
    return entry, None, remark


def _valid_date(text: str) -> bool:
    import datetime as dt

    if not _ISO.match(text):
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def law_names(raw_type: str, title: str) -> list[str]:
    """What a law, code or ordinance is cited by, from its title: "Đất đai" → "Luật Đất đai",
    "Bộ Luật lao động" → "Bộ luật Lao động"; none for an amending law."""
    type_name = {"Luật": "Luật", "Bộ luật": "Bộ luật", "Bộ Luật": "Bộ luật", "Pháp lệnh": "Pháp lệnh"}.get(raw_type)
    if type_name is None or not title or _AMENDING.match(title):
        return []
    stem = re.sub(r"^(?:bộ\s+luật|luật|luât|pháp\s+lệnh)\s+", "", title, flags=re.IGNORECASE).strip()
    if not stem or _AMENDING.match(stem) or len(stem.split()) > 14:
        return []
    return [v.canonical_law_name(type_name, stem)]


def document_id(doc_type: str, symbol: str) -> str:
    """A stable id from the type and symbol: "nd-30-2020-nd-cp", "luat-45-2013-qh13"."""
    t = v.TYPE_BY_NAME[doc_type]
    head = (t.codes[0] if t.codes else doc_type).lower()
    return f"{v.ascii_slug(head)}-{v.ascii_slug(symbol)}"




# --- the whole table ------------------------------------------------------------------------------


def import_table(path: Path, issuers: Iterable[Any], *, extra: Path | None = None,
                 known_ids: set[str] | frozenset[str] = frozenset(),
                 known_symbols: set[tuple[str, str]] | frozenset[tuple[str, str]] = frozenset()) -> ImportResult:
    """Convert every row; ``known_ids`` and ``known_symbols`` (type, symbol): documents the
    registry has elsewhere, by id or under another id (left to the files that have them)."""
    result = ImportResult()
    rows, errors = read_table(path)
    result.errors += errors
    extra_rows: dict[tuple[str, str], dict[str, str]] = {}
    if extra is not None:
        more, errors = read_table(extra)
        result.errors += errors
        for _, row in more:
            extra_rows[(row.get("type", "").strip(), row.get("symbol", "").strip())] = row
    if rows and not any("symbol" in row for _, row in rows[:1]):
        result.errors.append(RowError(str(path), 1, "no 'symbol' column"))
        return result
    index = _Issuers.of(issuers)
    seen: dict[str, int] = {}
    for line, row in rows:
        entry, error, remark = convert_row(str(path), line, row, index, extra_rows)
        if error is not None:
            result.errors.append(error)
            continue
        assert entry is not None
        if remark is not None:
            result.warnings.append(remark)
        if entry["id"] in seen:
            result.errors.append(RowError(str(path), line, f"{entry['type']} {entry['symbol']} is also on line {seen[entry['id']]}"))
            continue
        seen[entry["id"]] = line
        if entry["id"] in known_ids or (entry["type"], entry["symbol"]) in known_symbols:
            result.skipped += 1
            continue
        result.documents.append(entry)
    return result


def file_name(entry: dict, issuer_slug: dict[str, str]) -> str:
    """``ISSUER-DECADEs.yaml`` ("bo-tai-chinh-2010s.yaml"); undated documents in ``-undated``."""
    decade = f"{entry['date'][:3]}0s" if entry.get("date") else "undated"
    return f"{issuer_slug.get(entry['issuer'], entry['issuer'])}-{decade}.yaml"


def render_files(entries: list[dict], source_name: str) -> dict[str, str]:
    """The YAML text of each file, entries sorted by date and id."""
    from ruamel.yaml import YAML
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString as Q

    y = YAML(typ="rt")
    y.width = 4096
    y.indent(mapping=2, sequence=4, offset=2)
    groups: dict[str, list[dict]] = {}
    for e in entries:
        groups.setdefault(file_name(e, {}), []).append(e)
    out: dict[str, str] = {}
    for name, group in sorted(groups.items()):
        group.sort(key=lambda e: (e.get("date") or "", e["id"]))
        docs = []
        for e in group:
            d = {k: (Q(x) if k in ("type", "number", "symbol", "date", "effective", "title") and isinstance(x, str) else x)
                 for k, x in e.items()}
            for k in ("sources", "co_issuers", "names"):
                if k in d:
                    d[k] = [Q(s) for s in d[k]]
            docs.append(d)
        buf = io.StringIO()
        y.dump({"documents": docs}, buf)
        out[name] = f"{IMPORT_HEADER} from {source_name}: edit the table and import it again.\n" + buf.getvalue()
    return out
