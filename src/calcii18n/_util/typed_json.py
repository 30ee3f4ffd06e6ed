"""Frozen dataclasses to plain JSON and back, driven by their type annotations.

A cached value is read back from a file other people can write (see cache.py), so decoding
builds nothing but what the annotations of the class asked for name: each dataclass from a
list of exactly its fields, in order; an enum from one of its values; a date from ISO text;
tuples, dicts and `X | None` of those; and str, int, float and bool checked by type. Anything
else in the data is a ValueError (a cache miss), and a type this module does not know is a
TypeError (a bug: the value kind needs a plain codec). Classes are decoded positionally, so
a field added, removed or reordered changes what decodes; cache keys include the code's
digest, so an old file is never asked to.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import types
import typing
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from calcii18n._util.cache import Codec

T = TypeVar("T")
_SCALARS = (str, int, float, bool)


def encode(value: object) -> object:
    """`value` as lists, strings, numbers, booleans and None."""
    if value is None or type(value) in _SCALARS:
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [encode(getattr(value, f.name)) for f in dataclasses.fields(value)]
    if isinstance(value, enum.Enum):
        return value.value
    if type(value) is dt.date:
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, (tuple, list)):
        return [encode(item) for item in value]
    if isinstance(value, dict):
        return [[encode(k), encode(v)] for k, v in value.items()]
    raise TypeError(f"typed_json: cannot encode a {type(value).__name__}")


def decode(kind: type[T], data: object) -> T:
    """A `kind` from what encode(a `kind`) gave, or ValueError."""
    return typing.cast(T, _decode(kind, data))


def codec(kind: Any) -> Codec[Any]:
    """How the cache stores a value of `kind` (a dataclass, or a tuple type of them):
    encoded as above, and decoded into nothing but `kind`."""
    return Codec(encode, lambda data: decode(kind, data))


@cache
def _fields(kind: type) -> tuple[tuple[str, Any], ...]:
    hints = typing.get_type_hints(kind)
    for f in dataclasses.fields(kind):
        if not f.init:
            raise TypeError(f"typed_json: {kind.__name__}.{f.name} is not an init field")
    return tuple((f.name, hints[f.name]) for f in dataclasses.fields(kind))


def _list(data: object, length: int | None = None) -> list[object]:
    if type(data) is not list or (length is not None and len(data) != length):
        raise ValueError("typed_json: not a list of the expected length")
    return data


def _decode(hint: Any, data: object) -> object:
    return _decoder(hint)(data)


@cache
def _decoder(hint: Any) -> Callable[[object], object]:
    """The decoding of `hint`, worked out once per type: a warm build decodes 7 million
    values (each entry's verdict, each parse), and asking the annotations again for every
    one of them was a quarter of its time."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return _union(hint)
    if origin is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            item = _decoder(args[0])
            return lambda data: tuple(item(one) for one in _list(data))
        parts = tuple(_decoder(a) for a in args)
        return lambda data: tuple(part(one) for part, one in zip(
            parts, _list(data, len(parts)), strict=True))
    if origin is dict:
        key_hint, value_hint = typing.get_args(hint)
        key, value = _decoder(key_hint), _decoder(value_hint)
        return lambda data: {key(k): value(v)
                             for k, v in (_list(pair, 2) for pair in _list(data))}
    return _leaf(hint)


def _union(hint: Any) -> Callable[[object], object]:
    args = typing.get_args(hint)
    nullable = type(None) in args
    rest = [a for a in args if a is not type(None)]
    inner = _decoder(rest[0]) if len(rest) == 1 else None

    def union(data: object) -> object:
        if data is None and nullable:
            return None
        if inner is None:
            raise TypeError(f"typed_json: cannot decode {hint}")
        return inner(data)

    return union


def _leaf(hint: Any) -> Callable[[object], object]:
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _dataclass(hint)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return hint  # ValueError for a value it does not have
    if hint is dt.date:
        return _date
    if hint is Path:
        return _path
    if hint is float:
        return _float
    if hint in _SCALARS:
        def scalar(data: object) -> object:
            if type(data) is not hint:
                raise ValueError(f"typed_json: expected {hint.__name__}")
            return data
        return scalar
    if hint is type(None):
        return _null

    def unknown(data: object) -> object:
        raise TypeError(f"typed_json: cannot decode {hint}")
    return unknown


def _dataclass(kind: type) -> Callable[[object], object]:
    """A dataclass from a list of exactly its fields; their decoders are worked out on
    first use, so that a class may name itself among its fields."""
    parts: list[Callable[[object], object]] = []

    def decoded(data: object) -> object:
        if not parts:
            parts.extend(_decoder(h) for _, h in _fields(kind))
        items = _list(data, len(parts))
        return kind(*[part(item) for part, item in zip(parts, items, strict=True)])

    return decoded


def _date(data: object) -> dt.date:
    if type(data) is not str:
        raise ValueError("typed_json: a date is ISO text")
    return dt.date.fromisoformat(data)


def _path(data: object) -> Path:
    if type(data) is not str:
        raise ValueError("typed_json: a path is text")
    return Path(data)


def _float(data: object) -> float:
    if type(data) not in (int, float):
        raise ValueError("typed_json: expected float")
    return float(typing.cast(float, data))


def _null(data: object) -> None:
    if data is not None:
        raise ValueError("typed_json: expected null")
