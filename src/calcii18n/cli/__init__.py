"""The calcii18n command line: thin commands over the library (see each --help).

One module per command group: `catalogues` (new, extract, init, update), `queries`
(status, check, stale), `build`, `render` (and verify), `review`, `import_page`,
`readability`, `memory` (tm), `machine` (mt mark, confirm), `exchange` (xliff), `glossary`
(TBX import, export); `report`
formats records as text, JSON or Markdown; `common` holds the shared options. Our errors
are handled once, here, in the group: one `error: path:line: message` line and the
error's exit code, never a traceback.

May import: everything. Nothing imports it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import click

from calcii18n.cli.build import build_command
from calcii18n.cli.catalogues import extract, init, new, update
from calcii18n.cli.exchange import xliff_group
from calcii18n.cli.glossary import glossary_group
from calcii18n.cli.import_page import import_command
from calcii18n.cli.machine import mt_group
from calcii18n.cli.memory import tm_group
from calcii18n.cli.queries import check, stale, status
from calcii18n.cli.readability import readability_command
from calcii18n.cli.render import render_command, verify_command
from calcii18n.cli.review import review_group
from calcii18n.errors import Calcii18nError


class _Group(click.Group):
    """A click group that turns our errors into one line and their exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except Calcii18nError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(exc.exit_code)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--config", type=click.Path(path_type=Path), default=None,
              help="Project config file (default: calcii18n.toml here or in a parent).")
@click.version_option(package_name="calcii18n")
@click.pass_context
def cli(ctx: click.Context, config: Path | None) -> None:
    """Localise calciphylaxis patient leaflets through gettext catalogues.

    Flow: extract (English sources → .pot), init/update (.pot → .po per locale),
    status and stale (what is left to translate or review), review (sign-off), render
    (the print gate, HTML and PDF). `build` runs them all; `new` starts a project.
    """
    ctx.ensure_object(dict)
    ctx.obj["config"] = config
    if os.environ.get("NO_COLOR"):  # https://no-color.org: no colour anywhere below
        ctx.color = False


for _command in (new, extract, init, update, status, check, stale, import_command,
                 review_group, render_command, verify_command, build_command,
                 readability_command, tm_group, mt_group, xliff_group, glossary_group):
    cli.add_command(_command)


def main() -> None:
    cli(prog_name="calcii18n")
