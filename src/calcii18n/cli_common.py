"""What every command module shares: the config lookup and our one-line error contract."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from calcii18n.config import Config, load_config
from calcii18n.errors import Calcii18nError

F = TypeVar("F", bound=Callable[..., Any])


def errors_to_exit(func: F) -> F:
    """Print our errors as one `error: path:line: message` line and exit 2, no traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except Calcii18nError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(2)

    return wrapper  # type: ignore[return-value]


def config_of(ctx: click.Context) -> Config:
    """The project config: --config on the group, else calcii18n.toml here or above."""
    root = ctx.find_root()
    explicit: Path | None = (root.obj or {}).get("config")
    return load_config(explicit, Path.cwd())
