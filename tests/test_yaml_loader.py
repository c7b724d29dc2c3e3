"""The safe YAML loader: no YAML 1.1 surprises, every problem an issue with its position."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from tthc._yaml import YamlDocument, load_yaml

PARSERS = pytest.mark.parametrize("pure_python", [False, True], ids=["libyaml", "python"])


def data_of(text: str, *, pure_python: bool = False) -> object:
    result = load_yaml(text, pure_python=pure_python)
    assert result.issues == ()
    assert result.document is not None
    return result.document.data


def only_issue(source: str | bytes, **kwargs: object) -> tuple[str, int | None, int | None, str]:
    result = load_yaml(source, file="f.yaml", **kwargs)  # type: ignore[arg-type]
    assert len(result.issues) == 1, result.issues
    issue = result.issues[0]
    assert issue.file == "f.yaml"
    return issue.message, issue.line, issue.column, issue.code


# ---------------------------------------------------------------- what a plain scalar becomes


@PARSERS
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # YAML 1.1 booleans stay words
        ("no", "no"),
        ("No", "No"),
        ("on", "on"),
        ("yes", "yes"),
        ("off", "off"),
        ("y", "y"),
        ("n", "n"),
        # only true/false are booleans
        ("true", True),
        ("False", False),
        ("TRUE", True),
        # times of day are not sexagesimal numbers
        ("15:00", "15:00"),
        ("1:30", "1:30"),
        ("190:20:30", "190:20:30"),
        # no octal, hex, binary, underscores, exponents or special floats
        ("010", "010"),
        ("0o17", "0o17"),
        ("0x1F", "0x1F"),
        ("0b101", "0b101"),
        ("1_000", "1_000"),
        ("1e3", "1e3"),
        (".inf", ".inf"),
        (".NaN", ".NaN"),
        # decimal integers
        ("0", 0),
        ("42", 42),
        ("-7", -7),
        ("+7", 7),
        ("200000", 200000),
        ("12345678901234567890", "12345678901234567890"),
        # a decimal is a float only when it prints back as written
        ("0.5", 0.5),
        ("-0.5", -0.5),
        ("1.001193", 1.001193),
        ("1.000890", "1.000890"),
        ("200.000", "200.000"),
        ("1.50", "1.50"),
        ("3.14159265358979323846", "3.14159265358979323846"),
        # dates, and only valid ISO dates
        ("2025-07-01", dt.date(2025, 7, 1)),
        ("2025-02-30", "2025-02-30"),
        ("2025-7-1", "2025-7-1"),
        ("2025-07-01 08:00", "2025-07-01 08:00"),
        # null
        ("~", None),
        ("null", None),
        ("", None),
        ("None", "None"),
    ],
)
def test_plain_scalars_resolve_only_to_what_was_written(
    text: str, expected: object, pure_python: bool
) -> None:
    value = data_of(f"v: {text}\n", pure_python=pure_python)
    assert value == {"v": expected}
    assert type(value["v"]) is type(expected)  # type: ignore[index]


@pytest.mark.parametrize("text", ["'no'", '"15:00"', "!!str 3", "! 3", "'true'"])
def test_quoted_and_str_tagged_scalars_are_text(text: str) -> None:
    value = data_of(f"v: {text}\n")
    assert isinstance(value["v"], str)  # type: ignore[index]


def test_block_scalars_keep_their_text() -> None:
    assert data_of("v: |\n  line 1\n  line 2\nw: >\n  folded\n  text\n") == {
        "v": "line 1\nline 2\n",
        "w": "folded text\n",
    }


# ---------------------------------------------------------------- structure and positions


def test_anchors_and_aliases_share_the_value() -> None:
    data = data_of("a: &x {k: 1}\nb: *x\nc: &s text\nd: *s\n")
    assert data == {"a": {"k": 1}, "b": {"k": 1}, "c": "text", "d": "text"}


def test_locate_points_at_values_keys_and_nearest_ancestors() -> None:
    text = "procedures:\n  - code: '1.001193'\n    cases:\n      - id: a\n        note: x\n"
    document = load_yaml(text, file="p.yaml").document
    assert document is not None
    assert document.locate(()) == (1, 1)
    assert document.locate(("procedures",)) == (2, 3)
    assert document.locate(("procedures", 0, "code")) == (2, 11)
    assert document.locate(("procedures", 0, "code"), key=True) == (2, 5)
    assert document.locate(("procedures", 0, "cases", 0, "note")) == (5, 15)
    # missing key, index out of range, index into a mapping: the nearest ancestor
    assert document.locate(("procedures", 0, "name")) == (2, 5)
    assert document.locate(("procedures", 3)) == (2, 3)
    assert document.locate(("procedures", 0, "code", "deeper")) == (2, 11)
    assert document.locate(("procedures", "zero")) == (2, 3)
    assert document.locate(("procedures", 0, ["unhashable"])) == (2, 5)  # type: ignore[list-item]


def test_issue_helper_uses_the_position_of_the_path() -> None:
    document = load_yaml("a:\n  b: 1\n", file="x.yaml").document
    assert document is not None
    issue = document.issue("expected text", ("a", "b"), code="type")
    assert (issue.file, issue.line, issue.column, issue.path, issue.code) == (
        "x.yaml",
        2,
        6,
        ("a", "b"),
        "type",
    )
    assert str(issue) == "x.yaml:2:6: a.b: expected text"


def test_an_empty_file_is_a_document_without_data_or_position() -> None:
    for text in ("", "# only a comment\n"):
        result = load_yaml(text)
        assert result.ok
        assert result.document is not None
        assert result.document.data is None
        assert result.document.locate(("a",)) is None
        assert result.document.issue("empty", ()).line is None
    explicit = load_yaml("---\n").document
    assert explicit is not None
    assert explicit.data is None


def test_columns_count_characters_not_bytes() -> None:
    document = load_yaml("tên: Hộ tịch\nký: ắ\n").document
    assert document is not None
    assert document.locate(("ký",)) == (2, 5)


@PARSERS
def test_duplicate_keys_are_issues_at_the_second_key(pure_python: bool) -> None:
    result = load_yaml(
        "a: 1\nb:\n  c: 1\n  d: 2\n  c: 3\na: 4\n", file="f.yaml", pure_python=pure_python
    )
    assert [str(i) for i in result.issues] == [
        "f.yaml:5:3: b.c: duplicate key 'c' (first at line 3, column 3); the first value is kept",
        "f.yaml:6:1: a: duplicate key 'a' (first at line 1, column 1); the first value is kept",
    ]
    assert {i.code for i in result.issues} == {"duplicate-key"}
    assert result.document is not None
    assert result.document.data == {"a": 1, "b": {"c": 1, "d": 2}}


def test_duplicate_keys_in_a_list_of_mappings_have_the_index_in_their_path() -> None:
    result = load_yaml("items:\n  - x: 1\n  - x: 1\n    x: 2\n")
    assert [i.path for i in result.issues] == [("items", 1, "x")]


def test_duplicate_keys_compare_values_not_spelling() -> None:
    _, line, _, code = only_issue("a: 1\n'a': 2\n")
    assert (line, code) == (2, "duplicate-key")


def test_a_duplicate_key_whose_value_is_a_mapping_drops_that_mapping() -> None:
    result = load_yaml("a: {x: 1}\na:\n  y: 2\nb: 3\n")
    assert result.document is not None
    assert result.document.data == {"a": {"x": 1}, "b": 3}


def test_merge_keys_are_refused() -> None:
    message, line, column, code = only_issue("base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n")
    assert (line, column, code) == (3, 3, "merge-key")
    assert "merge keys" in message


def test_complex_keys_are_refused() -> None:
    message, line, _, _ = only_issue("? [a, b]\n: 1\nc: 2\n")
    assert "mapping key must be a plain value" in message
    assert line == 1


def test_an_alias_used_as_a_key_is_refused_when_it_is_a_mapping() -> None:
    message, _, _, _ = only_issue("a: &m {x: 1}\n*m : 2\n")
    assert "mapping key" in message


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("v: !!python/object:os.system ls\n", "tag:yaml.org,2002:python/object:os.system"),
        ("v: !!int '3'\n", "tag:yaml.org,2002:int"),
        ("v: !custom x\n", "!custom"),
        ("v: !!set {a}\n", "tag:yaml.org,2002:set"),
        ("v: !!omap [a: 1]\n", "tag:yaml.org,2002:omap"),
    ],
)
def test_tags_other_than_str_map_seq_are_refused(text: str, tag: str) -> None:
    message, line, column, code = only_issue(text)
    assert (line, column, code) == (1, 4, "tag")
    assert repr(tag) in message


def test_standard_collection_tags_are_accepted() -> None:
    assert data_of("v: !!map {a: !!seq [1]}\n") == {"v": {"a": [1]}}


# ---------------------------------------------------------------- bad input never raises


@PARSERS
def test_syntax_errors_are_issues_with_line_and_column(pure_python: bool) -> None:
    result = load_yaml("a: 1\nb: [1, 2\nc: 3\n", file="f.yaml", pure_python=pure_python)
    assert result.document is None
    (issue,) = result.issues
    assert issue.code == "syntax"
    assert issue.line is not None
    assert issue.line >= 2
    assert issue.message.startswith("YAML syntax error: ")


def test_syntax_error_mentions_where_the_construct_started() -> None:
    message, line, _, _ = only_issue('a: "unterminated\n\nb: 1\n')
    assert "line 1, column 4" in message
    assert line == 4


@PARSERS
def test_control_characters_are_issues(pure_python: bool) -> None:
    message, line, column, code = only_issue("ký: ắ\nb: x\x01y\n", pure_python=pure_python)
    assert (line, column, code) == (2, 5, "syntax")
    assert "U+0001" in message


def test_bytes_that_are_not_utf8_are_an_issue_at_the_byte() -> None:
    message, line, column, code = only_issue("a: ắ\nb: ".encode() + b"\xff\xfe\n")
    assert (line, column, code) == (2, 4, "encoding")
    assert "0xff" in message


def test_binary_junk_is_an_issue_not_an_exception() -> None:
    result = load_yaml(bytes(range(256)) * 4, file="junk.bin")
    assert result.document is None
    assert result.issues
    assert result.issues[0].file == "junk.bin"


def test_a_lone_surrogate_in_text_is_an_issue() -> None:
    message, line, column, _ = only_issue("a: b\nc: \ud800\n")
    assert (line, column) == (2, 4)
    assert "U+D800" in message


def test_a_utf8_byte_order_mark_is_accepted() -> None:
    assert data_of("\ufeffa: 1\n") == {"a": 1}
    result = load_yaml("\ufeffa: 1\n".encode())
    assert result.document is not None
    assert result.document.data == {"a": 1}


def test_a_second_document_is_an_issue_and_is_not_read() -> None:
    result = load_yaml("a: 1\n---\nb: 2\n", file="f.yaml")
    assert [str(i) for i in result.issues] == [
        "f.yaml:2:1: a second YAML document: a file holds one document; split it into several files"
    ]
    assert result.document is not None
    assert result.document.data == {"a": 1}


# ---------------------------------------------------------------- bounds


def test_files_over_the_size_limit_are_refused_before_parsing() -> None:
    message, line, _, code = only_issue("a: " + "x" * 100, max_bytes=50)
    assert (line, code) == (None, "too-large")
    assert "limit is 50 bytes" in message
    # counted in bytes of UTF-8, not characters
    message, _, _, _ = only_issue("a: " + "ắ" * 20, max_bytes=50)
    assert "63 bytes" in message
    assert load_yaml("a: " + "ắ" * 10, max_bytes=50).ok
    assert only_issue(b"a: " + b"x" * 100, max_bytes=50)[3] == "too-large"


BILLION_LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]\n"
    for i in range(9)
)


@PARSERS
def test_billion_laughs_is_refused(pure_python: bool) -> None:
    message, _, _, code = only_issue(BILLION_LAUGHS, pure_python=pure_python)
    assert code == "too-large"
    assert "aliases" in message


def test_alias_expansion_counts_against_the_node_limit() -> None:
    """Keys and containers count too: 1 mapping, 2 keys, 2 lists, 4 items, 3 x 5 via aliases."""
    text = "a: &a [1, 2, 3, 4]\nb: [*a, *a, *a]\n"
    assert load_yaml(text, max_nodes=24).ok
    assert not load_yaml(text, max_nodes=23).ok


@PARSERS
@pytest.mark.parametrize("shape", ["[" * 5000 + "]" * 5000, "- " * 5000 + "x"])
def test_deep_nesting_is_refused_without_overflowing_a_stack(shape: str, pure_python: bool) -> None:
    message, line, _, code = only_issue(shape, pure_python=pure_python)
    assert (line, code) == (1, "too-deep")
    assert "100 levels" in message


def test_nesting_at_the_limit_is_accepted() -> None:
    assert load_yaml("[" * 100 + "]" * 100).ok
    assert not load_yaml("[" * 101 + "]" * 101).ok


def test_a_recursive_alias_is_refused() -> None:
    message, line, column, _ = only_issue("a: &x [1, *x]\n")
    assert "cycle" in message
    assert (line, column) == (1, 11)


def test_an_undefined_alias_is_refused() -> None:
    message, _, _, _ = only_issue("a: *nowhere\n")
    assert "no anchor &nowhere" in message


def test_a_hostile_file_on_libyaml_would_crash_the_c_composer_but_not_this_loader() -> None:
    """libyaml's composer recurses in C; 100,000 levels segfaults PyYAML's CSafeLoader."""
    result = load_yaml("[" * 100_000)
    assert result.document is None
    assert result.issues[0].code == "too-deep"


# ---------------------------------------------------------------- agreement with PyYAML

_KEYS = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=8)
_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**15), max_value=10**15)
    | st.floats(allow_nan=False, allow_infinity=False).filter(lambda f: "e" not in repr(f))
    | st.dates(min_value=dt.date(1000, 1, 1))
    | st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12)
)
_DATA = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=4),
    max_leaves=12,
)


@given(_DATA)
def test_what_pyyaml_dumps_loads_back_unchanged(data: object) -> None:
    """PyYAML's dumper quotes every string YAML 1.1 would misread, so data round-trips."""
    text = yaml.safe_dump({"v": data}, allow_unicode=True)
    assert load_yaml(text).document.data == {"v": data}  # type: ignore[union-attr]


@given(_DATA)
def test_libyaml_and_pure_python_give_the_same_document(data: object) -> None:
    text = yaml.safe_dump({"v": data}, allow_unicode=True, default_flow_style=None)
    fast, slow = load_yaml(text), load_yaml(text, pure_python=True)
    assert fast.issues == slow.issues
    assert fast.document is not None
    assert slow.document is not None
    assert fast.document.data == slow.document.data
    assert fast.document.locate(("v",)) == slow.document.locate(("v",))


@given(st.lists(st.text(alphabet="abcxyz", min_size=1, max_size=5), min_size=1, max_size=20))
def test_every_key_is_located_on_its_own_line(keys: list[str]) -> None:
    unique = list(dict.fromkeys(keys))
    text = "".join(f"{k}: {i}\n" for i, k in enumerate(unique))
    document = load_yaml(text).document
    assert isinstance(document, YamlDocument)
    for line, key in enumerate(unique, start=1):
        assert document.locate((key,)) == (line, len(key) + 3)
        assert document.locate((key,), key=True) == (line, 1)
