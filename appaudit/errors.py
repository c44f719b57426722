"""Typed errors raised by library code; only the CLI turns them into messages and exit codes."""


class AppAuditError(Exception):
    """Base class: the message names the input, the problem and the next step."""


class InputError(AppAuditError):
    """A file given by the user is missing, damaged or hostile (exit code 2)."""


class DataError(AppAuditError):
    """A bundled data file (ontology, permissions, signatures) is invalid."""


class ToolMissingError(AppAuditError):
    """An external tool (java, enjarify, adb, mitmdump ...) is not installed."""


class DeviceError(AppAuditError):
    """The Android device or the instrumented process failed or went away."""


class BrokenInstallError(AppAuditError):
    """A module of appaudit itself cannot be imported: the install is broken (exit 2, never "not run")."""
