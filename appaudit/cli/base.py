"""The click group, shared options and output helpers used by every command module."""

from __future__ import annotations

import io
import json
import math
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click
from rich.console import Console
from rich.table import Table

from appaudit import __version__
from appaudit.errors import AppAuditError, BrokenInstallError, InputError
from appaudit.limits import MAX_ABS_NUMBER, atomic_write_text

F = TypeVar("F", bound=Callable[..., Any])

# Progress and logs go to stderr so that stdout carries the report only.
# soft_wrap: never re-wrap lines at 80 columns when stderr is a CI log, not a terminal (paths got split).
stderr = Console(stderr=True, soft_wrap=True)


class _Group(click.Group):
    """The command group that turns a library error from any subcommand into the one-line message and exit 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except AppAuditError as err:
            fail(err)
        except ImportError as err:
            # A module of appaudit (or a core dependency) that cannot be imported: a broken install, said
            # as such with the module's name; never a run that reports nothing.
            fail(
                BrokenInstallError(
                    f"{err.name or 'a module'} cannot be imported ({err}); this appaudit install is broken: "
                    "reinstall it (`make setup`, or `pip install -e .`)"
                )
            )


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=lambda ctx, _p, v: _version(ctx) if v and not ctx.resilient_parsing else None,
    help="Show the version and where each bundled data set is read from, then exit.",
)
def main() -> None:
    """Audit what an Android app and its SDKs collect against what its privacy policy says."""


def _version(ctx: click.Context) -> None:
    """`appaudit --version`: the version, then each data set's path and origin (wheel, checkout or env override)."""
    from appaudit import resources

    click.echo(f"appaudit, version {__version__}")
    for ds in resources.ALL:
        click.echo(f"  {ds.name}: {resources.locate(ds)} ({resources.origin(ds)})")
    ctx.exit()


if TYPE_CHECKING:  # click >= 8.2 types ParamType generically; at run time click 8.1 has no subscript
    _FloatParam = click.ParamType[float]
else:
    _FloatParam = click.ParamType


class FiniteFloat(_FloatParam):
    """A float option that must be finite and within bounds: click's FLOAT and FloatRange accept "inf" and
    "nan" (NaN passes every range check), which then reach time windows and comparisons."""

    name = "float"

    def __init__(self, min: float | None = None, max: float = MAX_ABS_NUMBER) -> None:
        self.min = min
        self.max = max

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> float:
        try:
            x = float(value)
        except (TypeError, ValueError):
            self.fail(f"{value!r} is not a number", param, ctx)
        if not math.isfinite(x) or abs(x) > self.max:
            self.fail(f"{value!r} is not a finite number up to {self.max:g}", param, ctx)
        if self.min is not None and x < self.min:
            self.fail(f"{value!r} is below {self.min:g}", param, ctx)
        return x


def output_options(formats: tuple[str, ...] = ("text", "json")) -> Callable[[F], F]:
    """Add `--format` (first entry is the default) and `-o/--output` to a command."""

    def deco(f: F) -> F:
        f = click.option(
            "-o",
            "--output",
            type=click.Path(dir_okay=False, path_type=Path),
            help="Write to this file instead of stdout.",
        )(f)
        f = click.option(
            "--format", "fmt", type=click.Choice(formats), default=formats[0], show_default=True, help="Output format."
        )(f)
        return f

    return deco


def emit(text: str, output: Path | None) -> None:
    """Write the result to OUTPUT or stdout (the only channel for results); InputError when OUTPUT is not writable."""
    if output is None:
        click.echo(text, nl=not text.endswith("\n"))
        return
    try:
        # Temp file + rename, encoded before anything is written: never a 0-byte or half-written OUTPUT.
        atomic_write_text(output, text if text.endswith("\n") else text + "\n")
    except OSError as e:
        raise InputError(f"{output}: cannot write ({e.strerror or e}); choose a writable output path") from None
    stderr.print(f"wrote {output}", markup=False, highlight=False)


def dump_json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def render_table(table: Table, width: int = 160) -> str:
    """A rich table as plain text of a fixed width, so that the output does not depend on the terminal."""
    buf = io.StringIO()
    Console(file=buf, width=width, force_terminal=False).print(table)
    return buf.getvalue()


def fail(err: AppAuditError) -> NoReturn:
    """Print a one-line error for a library error and exit 2 (usage or input error)."""
    # Messages can quote a parser's own error text, which may span lines; the error stays one line.
    click.echo(f"appaudit: error: {' '.join(str(err).splitlines())}", err=True)
    sys.exit(2)
