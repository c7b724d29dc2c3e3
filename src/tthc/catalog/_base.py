"""The base of every catalogue model, the shared field types, and a legal citation.

Models are strict and closed: an unknown key is an error, text is never a number, a
date is a date. Enums accept their value as text (``level: commune``), and lists are
accepted where a tuple is stored, so a frozen model stays hashable.
"""

from __future__ import annotations

import datetime as dt
import functools
import unicodedata
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    WithJsonSchema,
)

from tthc.duration import Duration
from tthc.errors import CatalogError, Issue

if TYPE_CHECKING:
    from pydantic._internal._model_construction import ModelMetaclass as _ModelMeta
else:
    _ModelMeta = type(BaseModel)  # pydantic's metaclass, without importing a private module

__all__ = [
    "CODE_PATTERN",
    "Identifier",
    "LegalBasis",
    "Limit",
    "ProcedureCode",
    "Text",
    "in_force",
    "lax",
    "overlaps",
]

#: National code ``d.dddddd``, optionally followed by a local suffix of dot-separated
#: segments, e.g. ``2.000815.000.00.00.H38`` (a Lào Cai version of 2.000815).
CODE_PATTERN = r"^[0-9]\.[0-9]{6}(\.[0-9A-Z]{1,8}){0,6}$"


class _Checked(_ModelMeta):
    """The catalogue models' metaclass: building a model directly raises CatalogError.

    A model built with bad data raises :class:`~tthc.errors.CatalogError`, not pydantic's
    ``ValidationError``.

    Only a direct call (``Procedure(code=...)``) goes through here; the file reader
    validates with ``model_validate``, and nested models are validated by pydantic itself.
    """

    def __call__(self, *args: Any, **data: Any) -> Any:  # self: the model class
        try:
            return super().__call__(*args, **data)
        except ValidationError as error:
            raise _model_error(self, error) from None


class _Model(BaseModel, metaclass=_Checked):
    """Strict, closed, immutable: the base of every catalogue model.

    Built directly (``Procedure(code=...)``), a model with bad data raises
    :class:`~tthc.errors.CatalogError` carrying the same issues a file would give, each
    with its path inside the model.
    """

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        strict=True,
        use_attribute_docstrings=True,
        validate_default=False,
    )


def _model_error(model: Any, error: ValidationError) -> CatalogError:
    from tthc.catalog._messages import describe  # noqa: PLC0415  (it imports this module)

    issues = []
    for detail in error.errors(include_url=False):
        message, code, _ = describe(detail, model)
        loc = tuple(p for p in detail["loc"] if p != "[key]")
        issues.append(Issue(message, file=f"{model.__name__}(...)", path=loc, code=code))
    return CatalogError(issues, summary=f"invalid {model.__name__}")


def _article_text(value: Any) -> Any:
    """An article written as a bare number (``article: 18``) is that number as text."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def _nfc(value: str) -> str:
    """Text in NFC: accents typed as combining marks (NFD) become the composed letters."""
    return value if value.isascii() else _nfc_of(value)


@functools.lru_cache(maxsize=4096)
def _nfc_of(value: str) -> str:
    # Cached: a value repeated through YAML aliases is one object, checked once.
    if unicodedata.is_normalized("NFC", value):
        return value
    return unicodedata.normalize("NFC", value)


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_nfc)]
"""Non-empty text, in NFC (Vietnamese typed with combining accents reads the same)."""

Identifier = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64),
]
"""A short id used to refer to a case, document or form: lowercase letters, digits, '-'."""

ProcedureCode = Annotated[str, StringConstraints(pattern=CODE_PATTERN)]
"""A procedure code: national ``d.dddddd`` with an optional local suffix."""

Article = Annotated[
    Text,
    BeforeValidator(_article_text),
    WithJsonSchema({"anyOf": [{"type": "string", "minLength": 1}, {"type": "integer"}]}),
]


@functools.lru_cache(maxsize=4096)
def _parse_duration(text: str) -> Duration:
    return Duration.parse(text)


def _duration_text(value: Any) -> Any:
    """Parse duration text once per distinct text: catalogues repeat a few limits often."""
    return _parse_duration(value) if isinstance(value, str) else value


Limit = Annotated[Duration, BeforeValidator(_duration_text)]
"""A :class:`~tthc.Duration`, as text or structured data."""


class LegalBasis(_Model):
    """Where a fact comes from: a legal document and, when known, the article.

    >>> print(LegalBasis(document="Luật Hộ tịch 60/2014/QH13", article="18(2)"))
    Luật Hộ tịch 60/2014/QH13, Art. 18(2)
    """

    document: Text
    """The document's number and name, e.g. ``Luật Hộ tịch 60/2014/QH13``."""
    article: Article | None = None
    """The article (and clause), e.g. ``18(2)``; a bare number is read as text."""
    note: Text | None = None
    """What the article says that matters here."""
    url: Text | None = None
    """Where the text can be read."""

    def __str__(self) -> str:
        return self.document + (f", Art. {self.article}" if self.article else "")


def in_force(valid_from: dt.date, valid_to: dt.date | None, on: dt.date) -> bool:
    """Whether a version valid from ``valid_from`` to ``valid_to`` (inclusive) is in force.

    >>> in_force(dt.date(2016, 1, 1), dt.date(2025, 6, 30), dt.date(2025, 6, 30))
    True
    >>> in_force(dt.date(2016, 1, 1), dt.date(2025, 6, 30), dt.date(2025, 7, 1))
    False
    """
    return valid_from <= on and (valid_to is None or on <= valid_to)


def overlaps(a: tuple[dt.date, dt.date | None], b: tuple[dt.date, dt.date | None]) -> bool:
    """Whether two validity periods (inclusive ends, ``None`` open) share a day."""
    a_end = a[1] or dt.date.max
    b_end = b[1] or dt.date.max
    return a[0] <= b_end and b[0] <= a_end


def lax(**kwargs: Any) -> Any:
    """A field that accepts a list for a tuple, or an enum's value as text."""
    return Field(strict=False, **kwargs)
