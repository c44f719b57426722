"""Resource budgets for untrusted input, and the helpers every loader shares to enforce them.

Everything appaudit reads from a user is hostile until parsed: APKs, policies, traffic, traces, flow
captures, baselines, allowlists. Each budget below is chosen so that real inputs stay far below it
and a hostile one trips it in bounded time and memory; a budget hit is an `InputError` naming the
limit (the CLI prints it as one line and exits 2) or a "skipped" note, never a traceback and never a
half-written output. The README's "Reliability" section lists these numbers.

Owns: bounded JSON/TOML loading (nesting depth, finite and bounded numbers, lone surrogates), number
validation for values read from saved files, and atomic output writes (temp file + rename).
"""

from __future__ import annotations

import io
import itertools
import json
import math
import os
import re
import stat
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from appaudit.errors import InputError

# ---------------------------------------------------------------- the budgets

# Nesting of JSON/TOML documents and tnetstring flows (reports nest ~8 levels, flow lines 4, traces 3).
MAX_NESTING = 100
# Integer literals: 2**64 has 20 digits. Python refuses str->int beyond 4,300 digits with a ValueError
# that used to escape as a traceback; anything this long is not a count or a timestamp.
MAX_INT_DIGITS = 32
# Magnitude of any number read from a saved file (epoch milliseconds are ~1.8e12).
MAX_ABS_NUMBER = 1e18

# DEX (appaudit/static/dex.py). Every table entry and every decoded byte range is charged against the
# file's own size: a valid dex stores each string, type list, class_data and code item once, in disjoint
# ranges, so honest totals never exceed the file size; aliasing tables (many ids pointing at one big
# item) exceed it at once instead of costing memory quadratic in the file.
DEX_DECODE_FACTOR = 2  # decoded string/class-data/code bytes <= factor x dex size
DEX_PROTO_CHARS_FACTOR = 4  # characters of all method prototypes <= factor x dex size + 1 MiB (corpus max: 0.13x)

# Binary XML (appaudit/static/apk.py): characters of the strings its attributes reference, per reference.
AXML_CHARS_FACTOR = 4  # <= factor x the file size + 1 MiB

# Network bodies (appaudit/network/detect.py): decoded bytes per flow are capped for every
# Content-Encoding by detect.toml's max_body_bytes (8 MiB); brotli 1.1 has no output cap and one input
# byte can finish a whole 16 MiB meta-block, so its input is fed in small steps.
BROTLI_INPUT_STEP = 8  # compressed bytes per brotli call: at most ~2 meta-blocks (32 MiB) past the cap

# Policies (appaudit/policy/load.py). Nesting and attributes are bounded before HTML parsing, so the
# parser stays linear; the text budget bounds everything after (sentences, vocabularies, SDK tables).
MAX_POLICY_BYTES = 16 * 1024**2  # one policy file (a saved page with inline scripts and styles: < 5 MB)
MAX_POLICY_CHARS = 1_000_000  # characters of text kept from one file (the longest real policies: ~100,000)
MAX_HTML_DEPTH = 256  # deeper elements are flattened into their ancestor at this depth
MAX_HTML_ATTRS = 64  # attributes kept per element (real pages: < 20)
MAX_HTML_ELEMENTS = 100_000  # start tags of one page (real policy pages: < 20,000)
MAX_PDF_CONTENT_BYTES = 128 * 1024  # decoded page content of one PDF (~3,700 text operators; a page: 1-10 KB)
MAX_MARKDOWN_MARKS = 50_000  # '*', '_', '|', '[' in one Markdown file (real policies: a few thousand)
MAX_POLICY_BLOCKS = 20_000  # paragraphs, list items and table rows of one file (long real policies: ~2,000)
MAX_TABLE_CELLS = 20_000  # positions of one table once rowspan/colspan are expanded (SDK lists: ~2,000)

# Runtime stacks (appaudit/runtime/attribution.py): a frame longer than this is not a real frame.
MAX_FRAME_CHARS = 4096


class BudgetError(InputError):
    """An input exceeded one of the budgets above (the message names the limit)."""


# ---------------------------------------------------------------- numbers


def bounded_float(value: Any) -> float | None:
    """VALUE as a finite float within MAX_ABS_NUMBER, or None (bools, "inf", 1e999, "nan", 10**5000, junk)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        if len(value) > 64:
            return None
        try:
            value = float(value)
        except ValueError:
            return None
    if isinstance(value, int):
        return float(value) if -MAX_ABS_NUMBER <= value <= MAX_ABS_NUMBER else None
    if isinstance(value, float) and math.isfinite(value) and abs(value) <= MAX_ABS_NUMBER:
        return value
    return None


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise _NumberError(f"an integer of {len(text)} digits (limit {MAX_INT_DIGITS})")
    return int(text)


def _parse_float(text: str) -> float:
    if len(text) > 64:
        raise _NumberError(f"a number written with {len(text)} characters (limit 64)")
    x = float(text)
    if not math.isfinite(x) or abs(x) > MAX_ABS_NUMBER:
        raise _NumberError(f"the number {text[:20]} is not finite or over {MAX_ABS_NUMBER:g}")
    return x


def _parse_constant(text: str) -> float:
    raise _NumberError(f"{text} is not a number JSON allows")


class _NumberError(ValueError):
    pass


# ---------------------------------------------------------------- JSON and TOML

_ESCAPED_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")


_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def json_depth(text: str) -> int:
    """The deepest nesting of brackets in TEXT outside JSON strings (linear, no parsing); exact above
    MAX_NESTING, an upper bound (the number of opening brackets) below it.

    Checked before parsing, so the verdict does not depend on the interpreter's recursion limit (which
    an imported library may raise until deep input overflows the C stack instead of raising).
    """
    if text.count("[") + text.count("{") <= MAX_NESTING:
        return 0 if not text else min(MAX_NESTING, text.count("[") + text.count("{"))
    brackets = _NOT_BRACKET.sub("", _JSON_STRING.sub("", text))
    return max(itertools.accumulate(_STEP[c] for c in brackets), default=0)


def loads_json(text: str | bytes, where: str, what: str = "JSON") -> Any:
    """Parse JSON under the budgets: nesting <= MAX_NESTING, numbers finite and bounded, no NaN/Infinity,
    lone surrogates (only possible as \\uD800-style escapes) replaced by U+FFFD.

    Raises `InputError` (one line, naming WHERE and the limit) for anything else, including syntax errors.
    """
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    if json_depth(text) > MAX_NESTING:
        raise BudgetError(f"{where}: JSON nested deeper than {MAX_NESTING} levels; not a valid input")
    try:
        doc = json.loads(text, parse_int=_parse_int, parse_float=_parse_float, parse_constant=_parse_constant)
    except RecursionError:
        raise BudgetError(f"{where}: JSON nested deeper than {MAX_NESTING} levels; not a valid input") from None
    except _NumberError as e:
        raise BudgetError(f"{where}: {e}; not a valid input") from None
    except ValueError as e:
        raise InputError(f"{where}: not a valid {what} ({e})") from None
    if _ESCAPED_SURROGATE.search(text):
        doc = _map_strings(doc, _no_lone_surrogates)
    return doc


def loads_toml(text: str | bytes, where: str, what: str = "TOML") -> dict[str, Any]:
    """Parse TOML under the same budgets as `loads_json` (tomllib is recursive and accepts inf/nan)."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as e:
            raise InputError(f"{where}: not UTF-8 text ({e.reason} at byte {e.start})") from None
    try:
        doc = tomllib.loads(text, parse_float=_parse_float)
    except RecursionError:
        raise BudgetError(f"{where}: TOML nested deeper than {MAX_NESTING} levels; not a valid input") from None
    except _NumberError as e:
        raise BudgetError(f"{where}: {e}; not a valid input") from None
    except (tomllib.TOMLDecodeError, ValueError) as e:
        # ValueError: tomllib's int() of a literal over Python's 4,300-digit limit.
        raise InputError(f"{where}: not a valid {what} ({' '.join(str(e).split())[:200]})") from None
    check_nesting(doc, where, ints=True)
    return doc


def check_nesting(doc: Any, where: str, *, ints: bool = False) -> None:
    """Raise `BudgetError` when DOC nests deeper than MAX_NESTING (iterative: no recursion on hostile depth).
    With INTS, integers are checked against MAX_ABS_NUMBER too (TOML has no int hook)."""
    stack: list[tuple[Any, int]] = [(doc, 0)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            children: Any = node.values()
        elif isinstance(node, list | tuple):
            children = node
        else:
            if ints and isinstance(node, int) and not isinstance(node, bool) and abs(node) > MAX_ABS_NUMBER:
                raise BudgetError(f"{where}: an integer over {MAX_ABS_NUMBER:g}; not a valid input")
            continue
        if depth >= MAX_NESTING:
            raise BudgetError(f"{where}: nested deeper than {MAX_NESTING} levels; not a valid input")
        stack.extend((c, depth + 1) for c in children)


def _no_lone_surrogates(s: str) -> str:
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        return s.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return s


def _map_strings(doc: Any, fn: Callable[[str], str]) -> Any:
    """DOC with FN applied to every string, keys included (iterative; DOC is already depth-checked)."""
    if isinstance(doc, str):
        return fn(doc)
    if not isinstance(doc, dict | list):
        return doc
    root: Any = {} if isinstance(doc, dict) else []
    stack: list[tuple[Any, Any]] = [(doc, root)]
    while stack:
        src, dst = stack.pop()
        items = src.items() if isinstance(src, dict) else enumerate(src)
        for k, v in items:
            if isinstance(v, dict | list):
                new: Any = {} if isinstance(v, dict) else []
                stack.append((v, new))
            else:
                new = fn(v) if isinstance(v, str) else v
            if isinstance(dst, dict):
                dst[fn(k) if isinstance(k, str) else k] = new
            else:
                dst.append(new)
    return root


# ---------------------------------------------------------------- input files


def open_regular(path: Path, what: str = "file") -> io.BufferedReader:
    """PATH opened for reading, or `InputError` when it is not a regular file.

    A FIFO, a socket or a device (/dev/zero, /dev/stdin) as the app would block forever or never end:
    the file is opened non-blocking (so a FIFO without a writer cannot hang the open) and checked with
    fstat on the opened descriptor (no race with a rename between check and use).
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as e:
        raise InputError(f"{path}: cannot read the {what} ({e.strerror}); check the path and permissions") from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        kind = "a directory" if stat.S_ISDIR(mode) else "a pipe" if stat.S_ISFIFO(mode) else "a device or socket"
        raise InputError(f"{path}: {kind}, not a regular file; pass a file saved on disk")
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def read_regular(path: Path, what: str) -> bytes:
    """The bytes of the regular file PATH (WHAT names it in errors: "trace", "baseline" ...)."""
    with open_regular(path, what) as f:
        try:
            return f.read()
        except OSError as e:
            raise InputError(f"{path}: cannot read the {what} ({e.strerror}); check the path") from None


# ---------------------------------------------------------------- output


def atomic_write_bytes(path: Path, data: bytes, mode: int = 0o666) -> None:
    """Write DATA to PATH so that PATH is either its old content or all of DATA, never a partial file.

    A temp file beside PATH (same filesystem) is written, flushed to disk and renamed over PATH. Raises
    OSError like open(); the temp file is removed on any failure. A PATH that is a device or FIFO (`-o
    /dev/stdout`) is written in place: a rename would replace the device node with a regular file (as
    root, /dev/stdout of every later process). A symlink keeps its link: its target is replaced. MODE is the new
    file's permission before the umask (0o600 for files holding personal data: never world-readable).
    """
    try:
        existing: int | None = os.stat(path).st_mode  # follows symlinks
    except OSError:
        existing = None
    if existing is not None and not stat.S_ISREG(existing) and not stat.S_ISDIR(existing):
        with open(path, "wb") as out:
            out.write(data)
        return
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    # 0o666 & ~umask by default, as open() would give the final file (mkstemp's 0o600 would surprise CI uploads).
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def atomic_write_text(path: Path, text: str) -> None:
    """`atomic_write_bytes` of TEXT as UTF-8. Encoded before any file is touched, with lone surrogates
    written as backslash escapes, so encoding can never fail half-way through the output."""
    atomic_write_bytes(path, text.encode("utf-8", "backslashreplace"))
