"""Attribution of a runtime event to an SDK or the app, from its stack (shared/docs/data-types.md, notes).

The first frame outside the framework, the JDK and the hostjvm harness names the caller; its class gets the
actor the static side gives the same class (`static.sdks.actor`: the SDK signature catalogue, longest package
prefix, with the app's own namespaces shielded from vendor prefixes; else the app's code when it lies in the
app's namespaces; else "unknown"). Native frames ("0x7f.. libfoo.so!open+0x10") are matched by library file name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from appaudit.limits import MAX_FRAME_CHARS
from appaudit.model import Actor
from appaudit.signatures import Catalogue
from appaudit.static.sdks import FirstParty, actor

APP = Actor.APP
UNKNOWN = Actor.UNKNOWN

# Frames of the platform, the JDK and our own harness: never the caller we want to name.
FRAMEWORK_PREFIXES = (
    "android.",
    "androidx.",
    "java.",
    "javax.",
    "kotlin.",
    "dalvik.",
    "com.android.",
    "sun.",
    "jdk.",
    "libcore.",
    "appaudit.harness.",
)

_JAVA_FRAME = re.compile(r"^(?:[\w.$]+/)?(?P<cls>[\w$.]+)\.(?P<method>[\w$<>]+)\(")
# The look-behind makes a match start only where a library name can start: without it, a 200 KB frame
# with no '!' was re-scanned from every position (quadratic: `appaudit trace` ran > 90 s).
_NATIVE_FRAME = re.compile(r"(?<![^\s/!])(?P<lib>[^\s/!]+)!")


def frame_class(frame: str) -> str | None:
    """The class of a Java stack frame 'com.x.Y.m(Y.java:12)' (module prefix 'java.base/' dropped).

    Frames longer than MAX_FRAME_CHARS are not real frames (an app can throw with any text): None.
    """
    if len(frame) > MAX_FRAME_CHARS:
        return None
    m = _JAVA_FRAME.match(frame.strip())
    return m.group("cls") if m else None


def is_framework(cls: str) -> bool:
    return cls.startswith(FRAMEWORK_PREFIXES)


def first_caller(stack: Sequence[str]) -> str | None:
    """The class of the first non-framework Java frame, or None."""
    for frame in stack:
        cls = frame_class(frame)
        if cls is not None and not is_framework(cls):
            return cls
    return None


def attribute(stack: Sequence[str], catalogue: Catalogue | None, namespaces: FirstParty) -> str:
    """SDK id, "app" or "unknown" for the event whose stack (innermost first) is STACK, in an app whose own
    NAMESPACES are these (`static.sdks.first_party`; a trace without them: its package alone)."""
    cls = first_caller(stack)
    if cls is None:
        return _attribute_native(stack, catalogue)
    return str(actor(catalogue, cls, namespaces))


def _attribute_native(stack: Sequence[str], catalogue: Catalogue | None) -> str:
    if catalogue is None:
        return UNKNOWN
    for frame in stack:
        m = _NATIVE_FRAME.search(frame) if len(frame) <= MAX_FRAME_CHARS else None
        if m is None:
            continue
        sig = catalogue.match_native_lib(m.group("lib"))
        if sig is not None:
            return sig.id
    return UNKNOWN
