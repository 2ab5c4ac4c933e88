"""YAML that remembers line numbers and reads every value as text.

Every plain scalar stays a string: YAML 1.1 would turn `350.000` into the float 350.0,
`08:30` into 510 and `no` into False. The forgiving readers in `values.py` decide what a
value means, knowing which field it is for.

One grammar reads every file: libyaml's. The quick paths (plain_yaml, then libyaml's own
composer) are taken only for files they read exactly as the guarded path does, so which path
a file takes never changes what it means or whether it loads.
"""

from __future__ import annotations

import re
from typing import Any, cast

import yaml

from generator.core.errors import ContentError, problem

MAX_ALIASES = 100
MAX_ALIAS_NODES = 10_000  # nodes reachable through aliases: counts alias fan-out, not alias uses
MAX_DEPTH = 50


class LineDict(dict):
    """A mapping with the line of each key (1-based) and of the mapping itself."""

    line: int = 0

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines: dict = {}
        self.duplicates: list[tuple[str, int]] = []

    def line_of(self, key) -> int:
        return self.lines.get(key, self.line)


class LineList(list):
    """A sequence with the line of each item."""

    line: int = 0

    def __init__(self, *args):
        super().__init__(*args)
        self.lines: list[int] = []

    def line_of(self, index: int) -> int:
        return self.lines[index] if index < len(self.lines) else self.line


try:
    from yaml._yaml import CParser as _Parser  # libyaml: the one grammar every path reads with
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    _Parser = None  # type: ignore[misc,assignment]  # no C parser to import


class _GuardedComposer(yaml.composer.Composer):
    """PyYAML's composer, with alias and depth limits, over libyaml's events.

    An anchor name written again names the newer node from there on (YAML 1.2, example 7.1).
    """

    def __init__(self):
        super().__init__()
        self._aliases = 0
        self._alias_nodes = 0
        self._sizes: dict[int, int] = {}
        self._depth = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            self._aliases += 1
            # Ten aliases of ten aliases of … stay under any alias count yet expand to
            # billions of nodes the moment anything walks them (even `str(key)`).
            target = self.anchors.get(event.anchor)
            self._alias_nodes += _node_size(target, self._sizes) if target is not None else 0
            if self._aliases > MAX_ALIASES or self._alias_nodes > MAX_ALIAS_NODES:
                raise _Refusal("yaml.too_many_aliases", event.start_mark)
        else:
            self.anchors.pop(self.peek_event().anchor, None)
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _Refusal("yaml.too_deep", self.peek_event().start_mark)
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


if _Parser is not None:

    class _Loader(_GuardedComposer, _Parser, yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
        """libyaml's parser, PyYAML's composer (limits) and constructors: for any file."""

        yaml_implicit_resolvers: dict = {}

        def __init__(self, stream):
            _Parser.__init__(self, stream)
            _GuardedComposer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)
else:  # pragma: no cover

    class _Loader(  # type: ignore[no-redef]  # the same loader in pure Python
        _GuardedComposer,
        yaml.reader.Reader,
        yaml.scanner.Scanner,
        yaml.parser.Parser,
        yaml.constructor.SafeConstructor,
        yaml.resolver.Resolver,
    ):
        yaml_implicit_resolvers: dict = {}

        def __init__(self, stream):
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            _GuardedComposer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)


def _node_size(node: yaml.Node, sizes: dict[int, int]) -> int:
    """Nodes in `node` once every alias inside it is expanded (memoised per node)."""
    if id(node) not in sizes:
        if isinstance(node, yaml.MappingNode):
            children = [n for pair in node.value for n in pair]
        elif isinstance(node, yaml.SequenceNode):
            children = node.value
        else:
            children = []
        sizes[id(node)] = 1 + sum(_node_size(child, sizes) for child in children)
    return sizes[id(node)]


class _Refusal(Exception):
    """Something Lapak refuses with its own message: a limit, a key that is a list, …"""

    def __init__(self, code, mark):
        super().__init__(code)
        self.code = code
        self.mark = mark


def _text_key(key, key_node: yaml.Node):
    """A key as Lapak keeps it: a text ("" for an empty key); a list or mapping as a key is refused."""
    if isinstance(key, str):
        return key
    if key is None:
        return ""
    raise _Refusal("yaml.complex_key", key_node.start_mark)


def _construct_map(loader: _Loader, node: yaml.MappingNode):
    _expect(node, yaml.MappingNode, "a mapping")
    data = LineDict()
    data.line = node.start_mark.line + 1
    yield data
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = _text_key(loader.construct_object(key_node, deep=True), key_node)
        if key in data:
            data.duplicates.append((key, key_node.start_mark.line + 1))
        data[key] = loader.construct_object(value_node, deep=True)
        data.lines[key] = key_node.start_mark.line + 1


def _construct_seq(loader: _Loader, node: yaml.SequenceNode):
    _expect(node, yaml.SequenceNode, "a sequence")
    data = LineList()
    data.line = node.start_mark.line + 1
    yield data
    for item in node.value:
        data.append(loader.construct_object(item, deep=True))
        data.lines.append(item.start_mark.line + 1)


def _construct_set(loader: _Loader, node: yaml.MappingNode):
    """`!!set {a, b}` (or `? a` lines): its members, a list of texts."""
    _expect(node, yaml.MappingNode, "a mapping")
    data = LineList()
    data.line = node.start_mark.line + 1
    yield data
    for key_node, _ in node.value:
        data.append(_text_key(loader.construct_object(key_node, deep=True), key_node))
        data.lines.append(key_node.start_mark.line + 1)


def _construct_omap(loader: _Loader, node: yaml.SequenceNode):
    """`!!omap [a: 1, b: 2]`: the one mapping its single-pair items write, in their order."""
    _expect(node, yaml.SequenceNode, "a sequence")
    data = LineDict()
    data.line = node.start_mark.line + 1
    yield data
    for item in node.value:
        if not isinstance(item, yaml.MappingNode) or len(item.value) != 1:
            raise yaml.constructor.ConstructorError(
                None, None, "expected a mapping of length 1 in an omap", item.start_mark
            )
        pair = loader.construct_object(item, deep=True)
        key, line = next(iter(pair)), item.value[0][0].start_mark.line + 1
        if key in data:
            data.duplicates.append((key, line))
        data[key] = pair[key]
        data.lines[key] = line


def _construct_any(loader: _Loader, node: yaml.Node):
    """A tag Lapak does not know (`!kain {…}`): the node read as if untagged."""
    if isinstance(node, yaml.MappingNode):
        return _construct_map(loader, node)
    if isinstance(node, yaml.SequenceNode):
        return _construct_seq(loader, node)
    return loader.construct_scalar(cast(yaml.ScalarNode, node))  # neither mapping nor sequence


def _expect(node: yaml.ScalarNode | yaml.SequenceNode | yaml.MappingNode, kind: type, name: str) -> None:
    """`!!map x` or `!!seq x`: a YAML error at its line, not a crash inside PyYAML."""
    if not isinstance(node, kind):
        raise yaml.constructor.ConstructorError(
            None, None, f"expected {name} node, but found {node.id}", node.start_mark
        )


def _construct_str(loader: _Loader, node: yaml.ScalarNode):
    return loader.construct_scalar(node)


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]  # C if there
    """libyaml's C parser and composer with the same constructors, for files that cannot blow
    up: no anchors (so no aliases) and no deep nesting. Ten times faster than _Loader."""

    yaml_implicit_resolvers: dict = {}


# type[Any]: the stubs' add_constructor takes constructors for PyYAML's own loader classes only.
_LOADERS: tuple[type[Any], ...] = (_Loader, _FastLoader)
for _cls in _LOADERS:
    _cls.add_constructor("tag:yaml.org,2002:map", _construct_map)
    _cls.add_constructor("tag:yaml.org,2002:seq", _construct_seq)
    _cls.add_constructor("tag:yaml.org,2002:str", _construct_str)
    _cls.add_constructor("tag:yaml.org,2002:null", lambda loader, node: None)
    _cls.add_constructor("tag:yaml.org,2002:set", _construct_set)
    _cls.add_constructor("tag:yaml.org,2002:omap", _construct_omap)
    _cls.add_constructor("tag:yaml.org,2002:pairs", _construct_seq)
    for _tag in ("int", "float", "bool", "timestamp", "binary", "value"):
        _cls.add_constructor(f"tag:yaml.org,2002:{_tag}", _construct_str)
    _cls.add_constructor(None, _construct_any)
    # The one implicit type kept: a key with nothing after it has no value (None), not "".
    _cls.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^$"), [""])

_DEEP_INDENT = re.compile(r"^[ \t]{100,}", re.M)
# `- - - - x` nests one sequence per dash without any indentation.
_COMPACT_NESTING = re.compile(rf"(?:[-?][ \t]+){{{MAX_DEPTH // 2}}}")


def _needs_guard(text: str) -> bool:
    """Anchors or deep nesting: compose with the guarded composer (the same grammar, with limits)."""
    return (
        "&" in text
        or text.count("[") + text.count("{") > MAX_DEPTH // 2
        or bool(_DEEP_INDENT.search(text))
        or bool(_COMPACT_NESTING.search(text))
    )


_STR, _NULL = "tag:yaml.org,2002:str", "tag:yaml.org,2002:null"
_PLAIN_KINDS = {
    (yaml.ScalarNode, _STR),
    (yaml.ScalarNode, _NULL),
    (yaml.MappingNode, "tag:yaml.org,2002:map"),
    (yaml.SequenceNode, "tag:yaml.org,2002:seq"),
}


class _Tagged(Exception):
    """A node `_plain_data` leaves to the constructors (explicit tag, merge key)."""


def _plain_data(node: yaml.Node | None):
    """What the constructors above build from these nodes, built directly.

    For a document without explicit tags every node is a text, a null, a mapping or a
    sequence; PyYAML's constructor machinery (a generator and bookkeeping per node) costs
    more than libyaml's parse. Anything else raises _Tagged. No anchors reach here, so each
    node is built once, as the constructors would.
    """
    if node is None:
        return None
    if (type(node), node.tag) not in _PLAIN_KINDS:
        raise _Tagged
    if node.tag == _STR:
        return node.value
    if node.tag == _NULL:
        return None
    if type(node) is yaml.SequenceNode:
        items = LineList()
        items.line = node.start_mark.line + 1
        for item in node.value:
            items.append(_plain_data(item))
            items.lines.append(item.start_mark.line + 1)
        return items
    data = LineDict()
    data.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = _text_key(_plain_data(key_node), key_node)
        if key in data:
            data.duplicates.append((key, key_node.start_mark.line + 1))
        data[key] = _plain_data(value_node)
        data.lines[key] = key_node.start_mark.line + 1
    return data


def _fast_load(text: str):
    """libyaml's parse of one document; the data built by `_plain_data`, or by the constructors when tagged."""
    node = yaml.compose(text, Loader=_FastLoader)
    try:
        return _plain_data(node)
    except _Tagged:
        return yaml.load(text, Loader=_FastLoader)  # noqa: S506 - safe constructors only


def _fast_documents(text: str) -> list:
    """Every document, by libyaml's own composer (no anchors reach here) and `_plain_data`."""
    loader = _FastLoader(text)
    try:
        documents = []
        while loader.check_node():
            node = loader.get_node()
            try:
                documents.append(_plain_data(node))
            except _Tagged:
                documents.append(loader.construct_document(node))
        return documents
    finally:
        loader.dispose()


def _guarded_documents(text: str) -> list:
    """Every document, composed with the alias and depth limits: any file may take this path."""
    return list(yaml.load_all(text, Loader=_Loader))  # type: ignore[arg-type]  # the stubs know PyYAML's loaders only


# The plain subset (see plain_yaml). A key: a word. A value: one line of plain text that YAML
# reads as itself, cut before trailing spaces: no indicator first, no ": " or " #" inside, no
# ":" last, no character YAML forbids or reads as a line break.
_PLAIN_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_]{0,100}):(?:[ ]+(.*))?\Z")
# Characters YAML does not read as text (control characters, line breaks other than "\n").
_YAML_UNREAD = "\\x00-\\x09\\x0b-\\x1f\\x7f-\\x9f\\u2028\\u2029\\ufeff\\ufffe\\uffff\\ud800-\\udfff"
_UNREAD_ANYWHERE = re.compile(f"[{_YAML_UNREAD}]")
_PLAIN_VALUE = re.compile(rf"[^-?:,\[\]{{}}#&*!|>'\"%@`\s{_YAML_UNREAD}][^\n{_YAML_UNREAD}]*")


def _plain_value(text: str) -> str | None:
    value = text.rstrip(" ")
    if _PLAIN_VALUE.fullmatch(value) and ": " not in value and " #" not in value and value[-1] != ":":
        return value
    return None


class _NotPlain(Exception):
    """Something plain_yaml leaves to libyaml."""


def plain_yaml(text: str) -> LineDict | None:
    """The data `_fast_load` builds, for the YAML nearly every product file is written in:
    `key: value` lines, where a value may instead be `[]` or a list of values or of such
    mappings (`variants:` then `- name: …` / `  price: …`); blank and comment lines. None for
    anything else (quotes, flow style, nested mappings, long text over several lines,
    comments after a value …), which libyaml reads. Half the time of libyaml's nodes and
    Python's walk over them (22 against 46 µs a product file); a property test compares the two.
    """
    if _UNREAD_ANYWHERE.search(text):  # in a comment too: YAML may read it as a line break
        return None
    rows = [
        (i + 1, len(line) - len(line.lstrip(" ")), line.strip(" "))
        for i, line in enumerate(text.split("\n"))
        if line.strip(" ") and not line.lstrip(" ").startswith("#")
    ]
    if not rows:
        return None
    try:
        data, end = _plain_mapping(rows, 0, 0)
    except _NotPlain:
        return None
    return data if end == len(rows) else None


def _plain_mapping(rows, start: int, indent: int, first: str | None = None, line: int = 0):
    """The mapping whose keys sit at `indent`, from rows[start] (or from `first`, the text after
    a list item's "- ", on `line`); returns it and the index of the first row not in it."""
    data = LineDict()
    i = start
    while True:
        if first is not None:
            number, text, first = line, first, None
        elif i < len(rows) and rows[i][1] == indent:
            number, _, text = rows[i]
            i += 1
        else:
            break
        m = _PLAIN_KEY.match(text)
        if not m:
            raise _NotPlain
        key, rest = m.group(1), (m.group(2) or "").rstrip(" ")
        if not data:
            data.line = number
        if key in data:
            data.duplicates.append((key, number))
        data.lines[key] = number
        value: LineList | str | None
        if rest == "[]":
            value = LineList()
            value.line = number
        elif rest:
            value = _plain_value(rest)
            if value is None:
                raise _NotPlain
        elif indent == 0 and i < len(rows) and rows[i][2].startswith("- "):  # a list: top-level keys only
            value, i = _plain_list(rows, i, rows[i][1])
        elif i < len(rows) and rows[i][1] > indent:
            raise _NotPlain  # a nested mapping, or text continued on the next lines
        else:
            value = None
        data[key] = value
    if not data:
        raise _NotPlain
    return data, i


def _plain_list(rows, start: int, indent: int):
    items = LineList()
    items.line = rows[start][0]
    i = start
    while i < len(rows) and rows[i][1] == indent and rows[i][2].startswith("- "):
        number, _, text = rows[i]
        rest = text[2:].lstrip(" ")
        i += 1
        column = indent + len(text) - len(rest)
        if _PLAIN_KEY.match(rest):
            item, i = _plain_mapping(rows, i, column, rest, number)
        else:
            item = _plain_value(rest) if rest else None
            if item is None:
                raise _NotPlain
        items.append(item)
        items.lines.append(number)
    if i < len(rows) and rows[i][1] != 0:
        raise _NotPlain  # a list ends at the next top-level key; anything else is not read here
    return items, i


def parse_yaml(text: str, path: str):
    """Parse a file of one YAML document (None when empty); more than one is a ContentError."""
    documents = [d for d in parse_yaml_documents(text, path) if d is not None]
    if len(documents) > 1:
        raise ContentError(problem(path, _second_document_line(text, documents[1]), "yaml.many_documents"))
    return documents[0] if documents else None


def parse_yaml_documents(text: str, path: str) -> list:
    """Every YAML document of a file, in order; a syntax error becomes a ContentError at its line.

    Files that may not (anchors, deep nesting) go straight to the guarded composer; the others
    take plain_yaml or libyaml's composer. All read with libyaml's grammar, so the result is
    the same whichever path a file takes (a property test compares them).
    """
    try:
        refused = _refused_token(text)
        if refused:
            raise _Refusal(*refused)
        if not _needs_guard(text):
            plain = plain_yaml(text)
            if plain is not None:
                return [plain]
            try:
                return _fast_documents(text)
            except (yaml.YAMLError, RecursionError):
                pass  # the guarded path reads it again and reports the error with its line
        return _guarded_documents(text)
    except _Refusal as e:
        raise ContentError(problem(path, e.mark.line + 1, e.code)) from e
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else None
        code = _yaml_code(e)
        if code == "yaml.colon" and line:
            line, code = _explain_colon(text.split("\n"), line)
        raise ContentError(problem(path, line, code, detail=e.problem or "")) from e
    except yaml.YAMLError as e:
        raise ContentError(problem(path, None, "yaml.syntax", detail=str(e))) from e


def _second_document_line(text: str, second) -> int | None:
    """The `---` line that starts the second document: the last one above its first line."""
    first_line = getattr(second, "line", 0) or len(text.split("\n"))
    lines = text.split("\n")[:first_line]
    starts = [i + 1 for i, line in enumerate(lines) if re.match(r"---(?:[ \t]|$)", line)]
    return starts[-1] if starts else first_line or None


class _Mark:
    def __init__(self, line: int):
        self.line = line


# Where libyaml reads YAML 1.1 or reads on past an error (yaml-test-suite SU5Z, 9JBA, CVW2,
# X4QW, G5U8, YJV2, 652Z, HM87, Y2GN): refused, since YAML 1.2 reads these otherwise or not at all.
# Each refusal below needs one of these in the text; most files have none and skip the scan.
_SUSPECT = re.compile(r"\S#|[&*]|\?[^ \t\n]|-[ \t\n]*[,\]}:]")
_BLOCK_HEADER_COMMENT = re.compile(r"[|>][0-9+-]*#")


def _refused_token(text: str) -> tuple[str, _Mark] | None:
    """(message code, mark) of the first token libyaml reads where YAML 1.2 does not; None if none."""
    if not _SUSPECT.search(text):
        return None
    last_end = 0
    try:
        for token in yaml.scan(text, Loader=_FastLoader):
            start, end = token.start_mark.index, token.end_mark.index
            if start > last_end and text[last_end] == "#" and last_end > 0 and text[last_end - 1] not in " \t\n":
                return "yaml.comment_space", _index_mark(text, last_end)
            kind = type(token)
            if type(token) is yaml.ScalarToken:
                if token.style in ("|", ">") and _BLOCK_HEADER_COMMENT.match(text, start):
                    return "yaml.comment_space", token.start_mark
                if token.plain and token.value == "-":
                    return "yaml.flow_dash", token.start_mark
            elif kind is yaml.KeyToken:
                if end > start and text[start + 1 : start + 2] not in ("", " ", "\t", "\n"):  # `?` read as a sign
                    return "yaml.flow_question", token.start_mark
            elif kind in (yaml.AnchorToken, yaml.AliasToken) and text[end : end + 1] not in (
                "",
                " ",
                "\t",
                "\n",
                ",",
                "[",
                "]",
                "{",
                "}",
            ):
                return "yaml.anchor_name", token.start_mark
            last_end = max(last_end, end)
    except yaml.YAMLError:
        return None  # the parse reports it
    return None


def _index_mark(text: str, index: int) -> _Mark:
    return _Mark(text.count("\n", 0, index))


def _explain_colon(lines: list[str], line: int) -> tuple[int, str]:
    """PyYAML blames the colon it trips over; the seller's mistake is usually just above.

    `nama Batik` (no colon) followed by `whatsapp: …` → the line without a colon.
    `nama: Dompet` followed by an indented `  harga: 20rb` → that line's indentation.
    """
    current = lines[line - 1] if line <= len(lines) else ""
    previous = next(
        (i for i in range(line - 2, -1, -1) if lines[i].strip() and not lines[i].lstrip().startswith("#")), None
    )
    if previous is None:
        return line, "yaml.colon"
    above = lines[previous].strip()
    if ":" not in above and not above.startswith(("-", "|", ">")):
        return previous + 1, "yaml.missing_colon"
    indent = len(current) - len(current.lstrip())
    above_indent = len(lines[previous]) - len(lines[previous].lstrip())
    if indent > above_indent and re.match(r"[^:]+:\s*\S", above) and not above.startswith("-"):
        return line, "yaml.indent"
    return line, "yaml.colon"


def _yaml_code(e: yaml.MarkedYAMLError) -> str:
    """Map PyYAML's wording to one of a few plain explanations."""
    text = f"{e.context or ''} {e.problem or ''}"
    if "mapping values are not allowed" in text:
        return "yaml.colon"
    if "could not find expected ':'" in text or "simple key" in text:
        return "yaml.missing_colon"
    if "expected <block end>" in text or "block mapping" in text or "indentation" in text:
        return "yaml.indent"
    if "found unexpected end of stream" in text or "quoted scalar" in text:
        return "yaml.quote"
    if "maximum nesting depth" in text:  # libyaml's own limit, met while scanning
        return "yaml.too_deep"
    if "cannot start any token" in text:
        return "yaml.bad_start"
    if "duplicate" in text:
        return "yaml.duplicate"
    return "yaml.syntax"
