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
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        args = typing.get_args(hint)
        if data is None and type(None) in args:
            return None
        rest = [a for a in args if a is not type(None)]
        if len(rest) != 1:
            raise TypeError(f"typed_json: cannot decode {hint}")
        return _decode(rest[0], data)
    if origin is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(args[0], item) for item in _list(data))
        return tuple(_decode(a, item) for a, item in zip(args, _list(data, len(args)),
                                                         strict=True))
    if origin is dict:
        key, value = typing.get_args(hint)
        return {_decode(key, k): _decode(value, v)
                for k, v in (_list(pair, 2) for pair in _list(data))}
    return _leaf(hint, data)


def _leaf(hint: Any, data: object) -> object:
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        fields = _fields(hint)
        items = _list(data, len(fields))
        return hint(*(_decode(h, item) for (_, h), item in zip(fields, items, strict=True)))
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return hint(data)  # ValueError for a value it does not have
    if hint is dt.date:
        if type(data) is not str:
            raise ValueError("typed_json: a date is ISO text")
        return dt.date.fromisoformat(data)
    if hint is Path:
        if type(data) is not str:
            raise ValueError("typed_json: a path is text")
        return Path(data)
    if hint is float and type(data) in (int, float):
        return float(typing.cast(float, data))
    if hint in _SCALARS:
        if type(data) is not hint:
            raise ValueError(f"typed_json: expected {hint.__name__}")
        return data
    if hint is type(None):
        if data is not None:
            raise ValueError("typed_json: expected null")
        return None
    raise TypeError(f"typed_json: cannot decode {hint}")
