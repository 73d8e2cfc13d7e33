"""The little of Go's text/template that a Hugo template writing a plain file needs.

A site's ``layouts/index.redirects`` writes its Netlify ``_redirects`` from the site's
parameters: ``{{ $latest := index site.Params.versions.docs 0 }}``, then rules such as
``/docs/latest/*  /docs/{{ $latest }}/:splat``, some of them in a ``range`` over a
``slice`` of names (keda.sh). :func:`plain_output` renders such a template as far as the
parameters tell: variables, ``index``, ``slice``, ``printf`` (also at the end of a
pipeline), ``range``, ``if`` and ``with`` over known values, comments and the ``{{-``
and ``-}}`` that trim the text beside them. What needs the site's pages (``range
.Site.Pages``, ``.RelPermalink``) is unknown, and every line it would write is left out.
Nothing runs but this evaluation: a template is data here.
"""

from __future__ import annotations

import re
from typing import Any

from msgspec import Struct, field

# Stands in the output for what cannot be known; the lines holding it are left out.
_UNKNOWN_MARK = "\x00"
UNKNOWN: Any = type("Unknown", (), {"__repr__": lambda self: "UNKNOWN"})()

_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|`[^`]*`|\(|\)|\||:?=|,|[^\s()|,"`=:]+|:')
_PARAMS = re.compile(r"(?:\$?\.Site|site)\.Params((?:\.[\w-]+)*)")
_GO_VERB = re.compile(r"%([-+# 0]*\d*(?:\.\d+)?)([vsdq%])")
_MAX_STEPS = 100_000  # range bodies rendered, in all: a template is small
_MAX_TEMPLATE = 1_000_000  # characters: a template writing a plain file is far smaller
_MAX_BRANCHES = 50  # if blocks if_branches returns: each is written out whole


class _Block(Struct):
    kind: str  # range, if, with (anything else is unknown)
    head: str
    body: list[Any] = field(default_factory=list)
    other: list[Any] = field(default_factory=list)  # after {{ else }}


def plain_output(template: str, params: dict[str, Any]) -> str:
    """The lines the template writes whatever its pages, as far as ``params`` (the site's
    ``params`` table) tell them; lines with an unknown value are left out."""
    if len(template) > _MAX_TEMPLATE:
        return ""
    try:
        rendered = _Renderer(params).render(_parse(_tokens(template)), {})
    except RecursionError:  # blocks nested absurdly deep: nothing is known
        return ""
    return "\n".join(line for line in rendered.splitlines() if _UNKNOWN_MARK not in line)


def if_branches(template: str, condition: re.Pattern[str]) -> list[tuple[str, str, str]]:
    """(condition, then, else) of each ``{{ if }}`` whose condition ``condition`` finds,
    its branches as the template's text (actions written back as ``{{ ... }}``): which
    branch a call sits in, for a hook that treats some destinations apart."""
    if len(template) > _MAX_TEMPLATE:
        return []
    found: list[tuple[str, str, str]] = []
    pending = _parse(_tokens(template))
    while pending and len(found) < _MAX_BRANCHES:
        node = pending.pop()
        if isinstance(node, _Block):
            if node.kind == "if" and condition.search(node.head):
                found.append((node.head, _written(node.body), _written(node.other)))
            pending += [*node.body, *node.other]
    return found


# An ``if`` on one site parameter alone, or its negation: ``{{ if .Page.Site.Params.X }}``.
_SITE_PARAM_TEST = re.compile(
    r"(not\s+)?\(?\s*(?:\$|\$?\.Page)?(?:\.Site|site)\.Params((?:\.[\w-]+)+)\s*\)?"
)
_TEMPLATE_CALL = re.compile(r"\btemplate\s+\"([^\"]+)\"")
_DEFINED_NAME = re.compile(r"\"([^\"]+)\"")


def as_configured(template: str, params: dict[str, Any]) -> str:
    """``template`` as it runs on a site with these ``params`` where an ``if`` tests one
    site parameter alone (hugo-book's link hook: ``{{ if .Page.Site.Params.BookPortableLinks
    }}`` then a lookup): the ``if`` gives way to the branch it takes, an unset parameter
    being false as in Hugo, and a ``define`` that no ``template`` call names is left out.
    Without such an ``if``, the template as it is."""
    if len(template) > _MAX_TEMPLATE or not _SITE_PARAM_TEST.search(template):
        return template
    try:
        nodes = _taken(_parse(_tokens(template)), params)
    except RecursionError:  # blocks nested absurdly deep: read the template whole
        return template
    called = set(_TEMPLATE_CALL.findall(_written(nodes)))
    return _written([node for node in nodes if _defined_name(node) in (None, *called)])


def _defined_name(node: Any) -> str | None:
    """The name a ``{{ define "name" }}`` block defines; None for any other node."""
    if isinstance(node, _Block) and node.kind == "define":
        named = _DEFINED_NAME.match(node.head)
        return named.group(1) if named else None
    return None


def _taken(nodes: list[Any], params: dict[str, Any]) -> list[Any]:
    """``nodes`` with each ``if`` on a site parameter replaced by the branch it takes."""
    kept: list[Any] = []
    for node in nodes:
        if not isinstance(node, _Block):
            kept.append(node)
            continue
        test = _SITE_PARAM_TEST.fullmatch(node.head) if node.kind == "if" else None
        if test is None:
            kept.append(_Block(node.kind, node.head, _taken(node.body, params),
                               _taken(node.other, params)))  # fmt: skip
            continue
        value = _lookup(params, test.group(2).strip(".").split("."))
        chosen = value is not UNKNOWN and bool(value)
        kept += _taken(node.other if chosen == bool(test.group(1)) else node.body, params)
    return kept


def _written(nodes: list[Any]) -> str:
    """Parsed nodes as template text again (blocks with their heads). Iterative, so a
    template nested thousands deep cannot exhaust Python's stack."""
    parts: list[str] = []
    pending: list[Any] = list(reversed(nodes))
    while pending:
        node = pending.pop()
        if isinstance(node, _Block):
            other = ["{{ else }}", *node.other] if node.other else []
            head = "{{ " + node.kind + " " + node.head + " }}"
            pending += reversed([head, *node.body, *other, "{{ end }}"])
        elif isinstance(node, tuple):
            parts.append("{{ " + node[1] + " }}")
        else:
            parts.append(node)
    return "".join(parts)


def _tokens(template: str) -> list[tuple[str, str]]:
    """("text", text) and ("action", code), with ``{{-`` and ``-}}`` trimming applied. Each
    ``{{`` is closed by the next ``}}`` (str.find: one pass, however the braces are set)."""
    found: list[tuple[str, str]] = []
    position, trim_next = 0, False
    while (start := template.find("{{", position)) >= 0:
        end = template.find("}}", start + 2)
        if end < 0:
            break
        text, code = template[position:start], template[start + 2 : end]
        trim_before = code[:1] == "-" and code[1:2].isspace()
        trim_after = code[-1:] == "-" and code[-2:-1].isspace()
        code = code[1 if trim_before else 0 : len(code) - 1 if trim_after else len(code)]
        found.append(("text", text.lstrip() if trim_next else text))
        if trim_before:
            found[-1] = ("text", found[-1][1].rstrip())
        found.append(("action", code.strip()))
        position, trim_next = end + 2, trim_after
    rest = template[position:]
    found.append(("text", rest.lstrip() if trim_next else rest))
    return found


def _parse(tokens: list[tuple[str, str]]) -> list[Any]:
    """Text, actions and blocks, nested as the template nests them."""
    root: list[Any] = []
    stack: list[tuple[_Block, list[Any]]] = []
    current = root
    for kind, value in tokens:
        if kind == "text":
            current.append(value)
            continue
        word = value.split(None, 1)[0] if value else ""
        if word in ("range", "if", "with", "block", "define", "try"):
            block = _Block(word, value[len(word) :].strip())
            current.append(block)
            stack.append((block, current))
            current = block.body
        elif word == "else" and stack:
            block, outer = stack[-1]
            chained = value[4:].strip()  # {{ else if x }}, {{ else with x }}
            if chained:
                kind = chained.split(None, 1)[0]
                block.other = [_Block(kind, chained[len(kind) :].strip())]
                stack[-1] = (block.other[0], outer)  # one {{ end }} closes the chain
                current = block.other[0].body
            else:
                current = block.other
        elif word == "end" and stack:
            _, current = stack.pop()
        else:
            current.append(("action", value))
    return root


class _Renderer:
    def __init__(self, params: dict[str, Any]) -> None:
        self.params = params
        self.steps = _MAX_STEPS

    def render(self, nodes: list[Any], scope: dict[str, Any], dot: Any = UNKNOWN) -> str:
        out = []
        for node in nodes:
            if isinstance(node, str):
                out.append(node)
            elif isinstance(node, _Block):
                out.append(self._block(node, scope, dot))
            else:
                out.append(self._action(node[1], scope, dot))
        return "".join(out)

    def _action(self, code: str, scope: dict[str, Any], dot: Any) -> str:
        if code.startswith("/*"):
            return ""
        assigned = re.fullmatch(r"\$(\w+)\s*:?=\s*(.+)", code, re.DOTALL)
        if assigned:
            scope[assigned.group(1)] = self._pipeline(assigned.group(2), scope, dot)
            return ""
        return _shown(self._pipeline(code, scope, dot))

    def _block(self, block: _Block, scope: dict[str, Any], dot: Any) -> str:
        if block.kind == "range":
            return self._range(block, scope, dot)
        if block.kind not in ("if", "with"):
            return _UNKNOWN_MARK
        value = self._pipeline(block.head, scope, dot)
        if value is UNKNOWN:
            return _UNKNOWN_MARK
        if not value:  # Go's false, 0, "", and empty lists and maps
            return self.render(block.other, scope, dot)
        return self.render(block.body, scope, value if block.kind == "with" else dot)

    def _range(self, block: _Block, scope: dict[str, Any], dot: Any) -> str:
        bound = re.fullmatch(r"(?:\$(\w+)\s*(?:,\s*\$(\w+)\s*)?:=\s*)?(.+)", block.head, re.DOTALL)
        if bound is None:
            return _UNKNOWN_MARK
        items = self._pipeline(bound.group(3), scope, dot)
        if isinstance(items, dict):
            pairs = sorted(items.items(), key=lambda item: str(item[0]))  # Go sorts keys
        elif isinstance(items, list):
            pairs = list(enumerate(items))
        else:
            return _UNKNOWN_MARK
        if not pairs:
            return self.render(block.other, scope, dot)
        out = []
        for key, item in pairs:
            self.steps -= 1
            if self.steps < 0:
                return _UNKNOWN_MARK
            inner = dict(scope)
            if bound.group(2):  # $i, $v := ...
                inner[bound.group(1)], inner[bound.group(2)] = key, item
            elif bound.group(1):
                inner[bound.group(1)] = item
            out.append(self.render(block.body, inner, item))
        return "".join(out)

    def _pipeline(self, code: str, scope: dict[str, Any], dot: Any) -> Any:
        try:
            return self._commands(code, scope, dot)
        except RecursionError:  # parentheses nested absurdly deep
            return UNKNOWN

    def _commands(self, code: str, scope: dict[str, Any], dot: Any) -> Any:
        tokens = _TOKEN.findall(code)
        commands: list[list[str]] = [[]]
        depth = 0
        for token in tokens:
            depth += (token == "(") - (token == ")")
            if token == "|" and depth == 0:
                commands.append([])
            else:
                commands[-1].append(token)
        value: Any = None
        for index, command in enumerate(commands):
            args = [value] if index else []
            value = self._command(command, scope, dot, args)
            if value is UNKNOWN:
                return UNKNOWN
        return value

    def _command(self, words: list[str], scope: dict[str, Any], dot: Any, piped: list) -> Any:
        if not words:
            return UNKNOWN
        name, rest = words[0], words[1:]
        if name in ("index", "slice", "printf", "print"):
            args = [*self._operands(rest, scope, dot), *piped]
            return UNKNOWN if any(a is UNKNOWN for a in args) else _call(name, args)
        if piped or (rest and name != "("):
            return UNKNOWN
        values = self._operands(words, scope, dot)
        return values[0] if len(values) == 1 else UNKNOWN

    def _operands(self, words: list[str], scope: dict[str, Any], dot: Any) -> list[Any]:
        values, position = [], 0
        while position < len(words):
            word = words[position]
            if word == "(":
                depth, end = 0, position
                for end in range(position, len(words)):
                    depth += (words[end] == "(") - (words[end] == ")")
                    if depth == 0:
                        break
                values.append(self._commands(" ".join(words[position + 1 : end]), scope, dot))
                position = end + 1
                continue
            values.append(self._operand(word, scope, dot))
            position += 1
        return values

    def _operand(self, word: str, scope: dict[str, Any], dot: Any) -> Any:
        if word[:1] in '"`':
            return _string(word)
        if re.fullmatch(r"-?\d+", word):
            return int(word)
        if word in ("true", "false"):
            return word == "true"
        params = _PARAMS.fullmatch(word)
        if params:
            return _lookup(
                self.params, params.group(1).strip(".").split(".") if params.group(1) else []
            )
        if word.startswith("$") and word[1:] in scope:
            return scope[word[1:]]
        if word == ".":
            return dot
        return UNKNOWN


def _lookup(value: Any, keys: list[str]) -> Any:
    """``site.Params.a.b``: Hugo reads parameter names without regard to case."""
    for key in keys:
        if not isinstance(value, dict):
            return UNKNOWN
        value = next((v for k, v in value.items() if str(k).lower() == key.lower()), UNKNOWN)
    return value


def _call(name: str, args: list[Any]) -> Any:
    if name == "slice":
        return list(args)
    if name == "print":
        return "".join(_shown(a) for a in args)
    if name == "index":
        value = args[0] if args else UNKNOWN
        for key in args[1:]:
            if isinstance(value, list) and isinstance(key, int) and 0 <= key < len(value):
                value = value[key]
            elif isinstance(value, dict) and isinstance(key, str):
                value = _lookup(value, [key])
            else:
                return UNKNOWN
        return value
    if not args or not isinstance(args[0], str):  # printf
        return UNKNOWN
    try:
        return _GO_VERB.sub(_python_verb, args[0]) % tuple(args[1:])
    except (TypeError, ValueError):
        return UNKNOWN


def _python_verb(verb: re.Match[str]) -> str:
    letter = {"v": "s", "q": "r"}.get(verb.group(2), verb.group(2))
    return f"%{verb.group(1)}{letter}"


def _string(word: str) -> str:
    if word.startswith("`"):
        return word[1:-1]
    return re.sub(r"\\(.)", r"\1", word[1:-1])


def _shown(value: Any) -> str:
    if value is UNKNOWN or isinstance(value, list | dict) or value is None:
        return _UNKNOWN_MARK
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)
