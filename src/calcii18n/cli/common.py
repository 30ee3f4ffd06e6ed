"""What every command module shares: the config lookup and the conventions every command
follows (locales, formats, colour, --quiet)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeVar

import click

from calcii18n.config import Config, load_config

F = TypeVar("F", bound=Callable[..., Any])


def explicit_config(ctx: click.Context) -> Path | None:
    """--config as given on the group, if it was."""
    found: Path | None = (ctx.find_root().obj or {}).get("config")
    return found


def config_of(ctx: click.Context) -> Config:
    """The project config: --config on the group, else calcii18n.toml here or above."""
    return load_config(explicit_config(ctx), Path.cwd())


def colour_wanted(explicit: bool | None, stream: IO[Any]) -> bool:
    """--color/--no-color if given; else colour only on a terminal and never when NO_COLOR
    is set (https://no-color.org)."""
    if explicit is not None:
        return explicit
    return stream.isatty() and not os.environ.get("NO_COLOR")


if TYPE_CHECKING:
    _Choice = click.Choice[str]
else:  # click.Choice is generic only in click >= 8.2
    _Choice = click.Choice


class ChoiceList(_Choice):
    """A comma-separated list of choices ("html,pdf"), each one validated like click.Choice."""

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        return ",".join(str(c) for c in self.choices)

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> Any:
        if isinstance(value, tuple):
            return value
        items = [item.strip() for item in str(value).split(",") if item.strip()]
        if not items:
            self.fail("give at least one of " + ", ".join(map(str, self.choices)), param, ctx)
        one = super().convert  # (a comprehension has no zero-argument super())
        checked = [one(item, param, ctx) for item in items]
        return tuple(dict.fromkeys(checked))


FORMATS = ChoiceList(["html", "pdf"])


def locale_arguments(func: F) -> F:
    """LOCALE... as arguments, or --locale LOCALE (repeatable): one list either way, passed
    to the command as `locales`. Every command that takes locales takes them both ways."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        named = kwargs.pop("locale_options", ())
        kwargs["locales"] = tuple(dict.fromkeys((*kwargs.get("locales", ()), *named)))
        return func(*args, **kwargs)

    wrapper = click.option("--locale", "locale_options", multiple=True, metavar="LOCALE",
                           help="Same as a LOCALE argument (repeatable).")(wrapper)
    return click.argument("locales", nargs=-1, metavar="[LOCALE]...")(wrapper)  # type: ignore[return-value]


FORCE = click.option("--force", is_flag=True,
                     help="Render every PDF again, even those whose inputs did not change.")
QUIET = click.option("-q", "--quiet", is_flag=True,
                     help="Print only problems: refusals, errors and warnings.")


@contextmanager
def progress(length: int, label: str, show: bool) -> Iterator[Callable[[int], None]]:
    """A progress bar on standard error, when `show` and it is a terminal; else nothing."""
    if not (show and sys.stderr.isatty()):
        yield lambda steps: None
        return
    with click.progressbar(length=length, label=label, file=sys.stderr) as bar:
        yield bar.update


def echo_chunks(chunks: Iterable[str], size: int = 1 << 16) -> None:
    """Print text made piece by piece, in writes of about `size` characters: the whole
    text never sits in memory, and a report of 100,000 findings is not 100,000 writes."""
    batch: list[str] = []
    length = 0
    for chunk in chunks:
        batch.append(chunk)
        length += len(chunk)
        if length >= size:
            click.echo("".join(batch), nl=False)
            batch, length = [], 0
    click.echo("".join(batch), nl=False)
