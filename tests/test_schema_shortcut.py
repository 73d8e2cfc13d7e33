"""OA103's shortcut: front matter that is plainly valid is passed without jsonschema.

``plainly_valid`` may only say yes when jsonschema finds no error; every other answer
goes to jsonschema, which writes the messages. These tests hold it to that, on the
built-in schema and on schemas that use each keyword it decides.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from openaccess.ruledata import SCHEMA_FILE, RuleData
from openaccess.rules.frontmatter import _decide, plainly_valid

BUILT_IN = RuleData().json(SCHEMA_FILE)

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-30, 30)
    | st.floats(allow_nan=False, width=32)
    | st.sampled_from(["", " ", "x", "en", "pt-BR", "Title", "2024-01-02", "12"]),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(["ignore", "a", "title"]), inner, max_size=3)
    ),
    max_leaves=6,
)
front_matter = st.dictionaries(
    st.sampled_from([*sorted(BUILT_IN["properties"]), "extra", "tags"]), json_values, max_size=6
)

OTHER_SCHEMAS = [
    {"type": ["string", "null"], "maxLength": 3},
    {"type": "integer", "exclusiveMinimum": 0, "exclusiveMaximum": 10},
    {"type": "number", "minimum": 1.5},
    {"enum": ["a", None, True, 1]},
    {"const": "x"},
    {"not": {"type": "string"}},
    {"anyOf": [{"type": "string", "pattern": "^a"}, {"type": "boolean"}]},
    {"allOf": [{"type": "object", "required": ["a"]}, {"additionalProperties": False}]},
    {"properties": {"a": {"type": "array", "items": {"type": "integer"}}}},
    {"oneOf": [{"type": "integer"}, {"type": "number"}]},
    {"additionalProperties": {"type": "string"}, "properties": {"title": True}},
    {"items": False},
    {"type": "object", "$ref": "#/$defs/x", "$defs": {"x": {"type": "string"}}},
    {"type": "string", "format": "date", "description": "format asserts nothing"},
]


def jsonschema_says(schema, instance) -> bool:
    return not list(Draft202012Validator(schema).iter_errors(instance))


def test_the_built_in_schema_is_valid_json_schema():
    """Checked here, not at every start (see RuleData.front_matter_schema)."""
    Draft202012Validator.check_schema(BUILT_IN)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(front_matter)
def test_plainly_valid_front_matter_is_valid_for_jsonschema(instance):
    if plainly_valid(BUILT_IN, instance):
        assert jsonschema_says(BUILT_IN, instance)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.sampled_from(OTHER_SCHEMAS), json_values)
def test_every_decision_is_jsonschemas(schema, instance):
    decided = _decide(schema, instance)
    if decided is not None:
        assert decided == jsonschema_says(schema, instance)


@pytest.mark.parametrize(
    "instance",
    [
        {"title": "T", "description": "D"},
        {"title": "T", "description": "D", "lang": "pt-BR", "reading_age": 12, "orphan": True},
        {"title": "T", "description": "D", "redirect_from": ["/a/", "/b/"], "weight": 3.0},
        {"title": "T", "description": "D", "openaccess": {"ignore": ["OA501"]}, "tags": [1]},
    ],
)
def test_usual_front_matter_takes_the_shortcut(instance):
    assert plainly_valid(BUILT_IN, instance)


@pytest.mark.parametrize(
    "instance",
    [
        {"title": "T"},
        {"title": " ", "description": "D"},
        {"title": "T", "description": "D", "reading_age": 4},
        {"title": "T", "description": "D", "redirect_from": 5},
        {"title": "T", "description": "D", "openaccess": {"ignore": "OA501"}},
        {"title": "T", "description": "D", "openaccess": {"skip": []}},
    ],
)
def test_invalid_front_matter_goes_to_jsonschema(instance):
    assert not plainly_valid(BUILT_IN, instance)
    assert not jsonschema_says(BUILT_IN, instance)


def test_unknown_keywords_go_to_jsonschema():
    assert _decide({"type": "string", "x-custom": 1}, "a") is None
    assert _decide({"$ref": "#/$defs/a", "$defs": {"a": True}}, "a") is None
    assert _decide({"anyOf": [{"minItems": 1}, {"type": "string"}]}, 5) is None


# -- a project schema's patterns run on what page authors write: never a hang ------------------
def _errors(schema, instance) -> list[str]:
    import json

    from openaccess.rules.frontmatter import _describe, _validator

    validator = _validator(json.dumps(schema, sort_keys=True))
    errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))
    return [_describe(e, ".".join(map(str, e.absolute_path))) for e in errors]


def test_a_pattern_that_backtracks_badly_ends_quickly():
    """``^([A-Za-z]+ ?)+$`` on a title of letters and a "!" took Python's ``re`` minutes
    (each letter doubles the time); the ``regex`` module ends it at once, with jsonschema's
    verdict, for ``pattern``, ``patternProperties`` and ``additionalProperties`` alike."""
    schema = {
        "properties": {"title": {"pattern": "^([A-Za-z]+ ?)+$"}},
        "patternProperties": {"^(x+x+)+y$": {"type": "string"}},
        "additionalProperties": False,
    }
    instance = {"title": "A" * 40 + "!", "x" * 40: 1}
    assert _errors(schema, instance) == [
        f"front matter: Additional properties are not allowed ('{'x' * 40}' was unexpected)"
        " (the schema forbids unknown keys)",
        "front matter key 'title' does not have the expected form (^([A-Za-z]+ ?)+$)",
    ]
    assert plainly_valid(schema, instance) is False


def test_a_pattern_search_past_its_time_limit_is_a_finding(monkeypatch):
    """Whatever a pattern costs, each search stops at ``PATTERN_SECONDS`` and the value
    gets a finding that names the pattern (here the limit is made tiny to reach it)."""
    from openaccess.rules import frontmatter

    monkeypatch.setattr(frontmatter, "PATTERN_SECONDS", 1e-9)
    schema = {"properties": {"title": {"pattern": "(a|b)*c"}}}
    assert _errors(schema, {"title": "ab" * 200_000}) == [
        "front matter key 'title': the schema's pattern '(a|b)*c' takes too long on this value:"
        " make the pattern simpler"
    ]
    assert _decide(schema, {"title": "ab" * 200_000}) is None  # undecided: jsonschema says
