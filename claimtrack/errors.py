"""Errors that the command line turns into a one-line message and a non-zero exit."""


class ClaimtrackError(Exception):
    """Base class: a problem the user can act on, shown without a traceback."""

    exit_code = 1


class ModelError(ClaimtrackError):
    """The Stanza model directory is missing, incomplete or broken."""

    exit_code = 3


class InputError(ClaimtrackError):
    """The input article cannot be analysed (empty, binary, too large, not English…)."""

    exit_code = 2
