"""Parsing one candidate window with the grammar into raw citation parts.

The window starts where the scanner saw something that may begin a citation and runs to the
end of its line.  The LALR parser is driven token by token; after each token we ask whether
the input could end there, and keep the last such point: the longest prefix of the window that
is a complete citation (or a list of coordinated ones).  Everything after it is ordinary text.

The result is a tuple of :class:`RawDoc`, positions relative to the window.  It depends only on
the window's text, so it is memoised: repeated boilerplate is parsed once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from lark import Token, Tree
from lark.exceptions import UnexpectedInput
from lark.parsers.lalr_analysis import Shift

from .grammar import parser

# The parser never needs more than this much of a line: the longest title it accepts is 500.
WINDOW_LIMIT = 640


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


#: How a reference is introduced (the grammar's reference rules).
Form = Literal["typed", "untyped", "bare_number", "plenum", "congress", "law"]
#: The grammar's symbol rules (``symbol: ... -> party_symbol``), one per way a symbol is written.
SymbolShape = Literal["party_symbol", "state_year_symbol", "joint_symbol", "lower_symbol", "assembly_symbol", "state_symbol",
                      "code_symbol", "slash_symbol", "spaced_symbol", "letter_symbol", "old_symbol", "old_state_symbol",
                      "year_symbol"]


@dataclass
class RawDoc:
    """One document reference as the grammar saw it, positions relative to the window."""

    form: Form
    start: int = 0  # start of the reference proper (after "các"); end of its last token before
    end: int = 0  #   any title
    type_word: Span | None = None
    so: Span | None = None
    number: Span | None = None
    shape: SymbolShape | None = None  # the grammar's symbol rule that matched
    symbol_tokens: list[Span] = field(default_factory=list)  # NUMBER, [YEAR], codes, in order
    type_code: Span | None = None
    year: Span | None = None
    issuers: list[Span] = field(default_factory=list)
    date_tokens: list[Span] = field(default_factory=list)  # day, month, year
    date_span: Span | None = None
    date_keyword: Span | None = None  # "ngày", when present
    body: Span | None = None  # the issuing body's name as written, with its place
    term: Span | None = None
    plenum: Span | None = None
    title: Span | None = None
    title_quoted: bool = False
    name: Span | None = None  # a law's name ("Đất đai" in "Luật Đất đai")

    @property
    def symbol_span(self) -> tuple[int, int] | None:
        if not self.symbol_tokens:
            return None
        return self.symbol_tokens[0].start, self.symbol_tokens[-1].end


def _span(tok: Token) -> Span:
    return Span(tok.start_pos, tok.end_pos, str(tok))


def _tokens(tree: Tree | Token) -> list[Token]:
    if isinstance(tree, Token):
        return [tree]
    out: list[Token] = []
    for child in tree.children:
        out.extend(_tokens(child))
    return out


def _covering(window: str, tree: Tree | Token) -> Span:
    toks = _tokens(tree)
    start, end = toks[0].start_pos, toks[-1].end_pos
    return Span(start, end, window[start:end])


def parse_window(window: str) -> tuple[RawDoc, ...]:
    """The citations at the very start of ``window`` (empty if none starts there)."""
    return parse_window_cached(window[:WINDOW_LIMIT])


@lru_cache(maxsize=8192)
def parse_window_cached(window: str) -> tuple[RawDoc, ...]:
    tree = longest_prefix_tree(window)
    if tree is None:
        return ()
    return tuple(_docs_from_tree(window, tree))


def longest_prefix_tree(window: str) -> Tree | None:
    """The parse tree of the longest prefix of ``window`` that the grammar accepts."""
    ip = parser().parse_interactive(window)
    state = ip.parser_state
    tokens: list[Token] = []
    accepted = 0  # how many tokens form the longest complete prefix
    try:
        for tok in ip.lexer_thread.lex(state):
            ip.feed_token(tok)
            tokens.append(tok)
            if _accepts_end(state):
                accepted = len(tokens)
    except UnexpectedInput:
        pass
    if not accepted:
        return None
    # Replay exactly those tokens into a fresh parser.  Re-lexing the cut text instead could
    # lex differently: a lookahead that saw "chính.." sees "chính." once the text is cut.
    replay = parser().parse_interactive("")
    for tok in tokens[:accepted]:
        replay.feed_token(tok)
    return replay.feed_eof(tokens[accepted - 1])


def _accepts_end(state) -> bool:
    """Whether the input could end here: the reductions $END would cause, on the state stack
    alone.  (Reducing a copy of the real parser state is not safe: Lark's tree builder extends
    child lists in place when it inlines repetitions, which would corrupt the shared trees.)"""
    states = state.parse_conf.states
    end_state = state.parse_conf.end_state
    stack = list(state.state_stack)
    while True:
        action = states[stack[-1]].get("$END")
        if action is None:
            return False
        kind, rule = action
        if kind is Shift:
            return False
        size = len(rule.expansion)
        if size:
            del stack[-size:]
        stack.append(states[stack[-1]][rule.origin.name][1])
        if stack[-1] == end_state:
            return True


# --- tree → RawDoc ----------------------------------------------------------------------------


def _docs_from_tree(window: str, tree: Tree) -> list[RawDoc]:
    if tree.data == "doc_list":
        return [_doc(window, child) for child in tree.children if isinstance(child, Tree) and child.data != "coord"]
    if tree.data in ("named_plenum", "named_congress"):
        return [_named(window, tree)]
    if tree.data == "named_law":
        return [_named_law(tree)]
    raise AssertionError(f"unexpected parse root {tree.data}")


def _doc(window: str, tree: Tree) -> RawDoc:
    if tree.data == "bare_number":
        doc = RawDoc("bare_number")
        for tok in tree.children:
            if tok.type == "SO":
                doc.so = _span(tok)
            else:
                doc.number = _span(tok)
        doc.start = (doc.so or doc.number).start
        doc.end = doc.number.end
        return doc
    doc = RawDoc("typed" if tree.data == "typed_doc" else "untyped")
    last_end = 0
    for child in tree.children:
        if isinstance(child, Token):
            if child.type == "TYPE_WORD":
                doc.type_word = _span(child)
            elif child.type == "SO":
                doc.so = _span(child)
            elif child.type in ("LAW_NAME", "KNOWN_LAW_NAME"):
                doc.name = _span(child)  # "Luật Điện ảnh số 62/2006/QH11"
            # PLURAL ("các", "những") is left out of the reference's span
            continue
        if child.data == "lead":
            _body_and_term(window, doc, child)
            last_end = max(last_end, _tokens(child)[-1].end_pos)
        elif child.data == "short_number":
            doc.number = _span(child.children[0])
            last_end = max(last_end, doc.number.end)
        elif child.data == "short_number_year":  # "Nghị định số 12 năm 2020"
            doc.number = _span(child.children[0])
            doc.year = _span(child.children[-1])
            last_end = max(last_end, doc.year.end)
        elif child.data.endswith("_symbol"):
            _symbol(doc, child)
            last_end = max(last_end, doc.symbol_tokens[-1].end)
        elif child.data == "tail":
            last_end = max(last_end, _tail(window, doc, child))
    first = doc.type_word or doc.so or doc.number or (doc.symbol_tokens[0] if doc.symbol_tokens else None)
    doc.start = first.start
    doc.end = last_end
    return doc


def _symbol(doc: RawDoc, tree: Tree) -> None:
    doc.shape = tree.data
    numbers = []
    has_issuer = any(isinstance(child, Tree) for child in tree.children)
    for child in tree.children:
        if isinstance(child, Token):
            span = _span(child)
            if child.type == "LOWER_CODES":  # "tt-bgtvt": the type code, then the issuers
                parts = _split_codes(span)
                doc.type_code = parts[0]
                doc.issuers.extend(parts[1:])
                doc.symbol_tokens.extend(parts)
                continue
            doc.symbol_tokens.append(span)
            if child.type == "NUMBER":
                numbers.append(span)
            elif child.type == "TYPE_CODE" or child.type == "OLD_CODE" and has_issuer:
                doc.type_code = span  # "21-LCT/HĐNN8": LCT is the type
            elif child.type in ("OLD_CODE", "GLUED_OLD_CODE"):
                doc.issuers.append(span)  # "385-HĐBT": the Council of Ministers; "15CP"
        else:  # issuer or issuer_list
            for tok in _tokens(child):
                span = _span(tok)
                doc.symbol_tokens.append(span)
                doc.issuers.append(span)
    doc.number = numbers[0]
    if len(numbers) > 1:
        doc.year = numbers[1]


def _split_codes(span: Span) -> list[Span]:
    out, pos = [], span.start
    for part in span.text.split("-"):
        out.append(Span(pos, pos + len(part), part))
        pos += len(part) + 1
    return out


def _body_and_term(window: str, doc: RawDoc, tree: Tree) -> None:
    for child in tree.children:
        if isinstance(child, Tree):
            if child.data == "body" and doc.body is None:
                doc.body = _covering(window, child)
            elif child.data == "term" and doc.term is None:
                doc.term = _term_number(child)


def _term_number(tree: Tree) -> Span:
    for child in tree.children:
        if isinstance(child, Tree) and child.data == "term_number":
            return _span(child.children[0])
    raise AssertionError("term without a number")


def _tail(window: str, doc: RawDoc, tree: Tree) -> int:
    """Fill the parts after the number; return the end of the last part before any title."""
    last_end = 0
    for part in tree.children:
        if part.data == "title":
            _, title = part.children
            doc.title = _span(title)
            doc.title_quoted = title.type == "TITLE_QUOTED"
            continue
        last_end = max(last_end, _tokens(part)[-1].end_pos)
        if part.data == "date_part":
            if doc.date_span is not None:
                continue
            for c in part.children:
                if isinstance(c, Token) and c.type == "NGAY":
                    doc.date_keyword = _span(c)
                elif isinstance(c, Tree):
                    doc.date_span = _covering(window, c)
                    doc.date_tokens = [_span(t) for t in c.children if t.type == "NUMBER"]
        elif part.data == "issuer_part":
            if doc.body is None:
                doc.body = _covering(window, part.children[1])
        elif part.data == "meeting_part":  # "của Hội nghị Trung ương 6": a plenum of the body
            if doc.body is None and doc.plenum is None:
                for t in part.children[1].children:
                    if isinstance(t, Token) and t.type in ("NUMBER", "ORDINAL"):
                        doc.plenum = _span(t)
                    elif isinstance(t, Token) and t.type in ("CENTRAL", "BODY"):
                        doc.body = _span(t)  # the body is "Trung ương", "Ban Chấp hành Trung ương"
        elif part.data == "term":
            if doc.term is None:
                doc.term = _term_number(part)
    return last_end


def _named(window: str, tree: Tree) -> RawDoc:
    """A document named by its meeting: a plenum ("Nghị quyết Trung ương 4 (khóa XII)") or a
    congress ("Nghị quyết Đại hội XIII của Đảng")."""
    doc = RawDoc("plenum" if tree.data == "named_plenum" else "congress")
    for child in tree.children:
        if isinstance(child, Token):
            if child.type == "TYPE_WORD":
                doc.type_word = _span(child)
        elif child.data == "plenum":
            for tok in child.children:
                if tok.type in ("NUMBER", "ORDINAL"):
                    doc.plenum = _span(tok)
                elif tok.type in ("CENTRAL", "BODY"):
                    doc.body = _span(tok)
        elif child.data == "named_term":
            doc.term = _term_number(child)
        elif child.data == "congress":
            _congress(window, doc, child)
    doc.start = doc.type_word.start
    doc.end = _tokens(tree)[-1].end_pos
    return doc


def _named_law(tree: Tree) -> RawDoc:
    """A law, code or ordinance by its name ("Luật Đất đai 2013"), the Constitution, the Party
    Charter."""
    doc = RawDoc("law")
    for child in tree.children:
        if isinstance(child, Token):
            if child.type in ("TYPE_WORD", "CONSTITUTION", "PARTY_CHARTER", "PARTY_PLATFORM"):
                doc.type_word = _span(child)
            elif child.type in ("LAW_NAME", "KNOWN_LAW_NAME"):
                doc.name = _span(child)
        elif child.data == "law_year":
            doc.year = _span(child.children[-1])
    doc.start = doc.type_word.start
    doc.end = _tokens(tree)[-1].end_pos
    return doc


def _congress(window: str, doc: RawDoc, tree: Tree) -> None:
    # The body that held it is named after the term: "Đại hội XIII của Đảng", "Đại hội XVII
    # Đảng bộ Thành phố"; the words before the term ("Đại hội Đảng toàn quốc lần thứ") are not.
    body_start = None
    for c in tree.children:
        if isinstance(c, Tree) and c.data == "term_number":
            doc.term = _span(c.children[0])
        elif isinstance(c, Tree) and c.data in ("body", "congress_scope") and doc.term and body_start is None:
            body_start = _covering(window, c).start
        elif isinstance(c, Tree) and c.data == "congress_scope" and doc.term is None and _tokens(c)[0].type == "DANG_BO":
            # "Đại hội Đảng bộ Quân đội lần thứ X": a local or sectoral organisation's congress,
            # named before its term
            span = _covering(window, c)
            doc.body = Span(span.start, span.end, span.text)
    if body_start is not None:
        end = _tokens(tree)[-1].end_pos
        doc.body = Span(body_start, end, window[body_start:end])

