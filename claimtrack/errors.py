"""Errors that the command line turns into a one-line message and an exit code.

The exit codes, the same for every command (``claimtrack CMD --help`` and the README list them):

====  ===========================================================================
0     ok
1     finished, but some articles failed (``batch``, ``track``: see their error lists)
2     usage or input error (bad option, missing or unreadable input, not an article)
3     model error (the Stanza model directory is missing, incomplete or broken)
4     output not writable (checked before the model loads; a full disk or closed pipe later)
70    internal error: a bug (``--debug`` shows the traceback)
130   interrupted (Ctrl-C, SIGTERM)
====  ===========================================================================
"""

EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2
EXIT_MODEL = 3
EXIT_OUTPUT = 4
EXIT_INTERNAL = 70
EXIT_INTERRUPTED = 130

#: the table above as one line per code, for every command's --help
EXIT_CODES = (
    (EXIT_OK, "ok"),
    (EXIT_SOME_FAILED, "finished, but some articles failed (batch, track)"),
    (EXIT_USAGE, "usage or input error"),
    (EXIT_MODEL, "model error (missing or broken model directory)"),
    (EXIT_OUTPUT, "output not writable (checked before the model loads)"),
    (EXIT_INTERNAL, "internal error (--debug shows the traceback)"),
    (EXIT_INTERRUPTED, "interrupted"),
)


class ClaimtrackError(Exception):
    """Base class: a problem the user can act on, shown without a traceback."""

    exit_code = EXIT_USAGE


class ModelError(ClaimtrackError):
    """The Stanza model directory is missing, incomplete or broken."""

    exit_code = EXIT_MODEL


class InputError(ClaimtrackError):
    """The input article cannot be analysed (empty, binary, too large, not English…)."""

    exit_code = EXIT_USAGE


class OutputError(ClaimtrackError):
    """An output file or directory cannot be written (missing directory, permissions, full disk)."""

    exit_code = EXIT_OUTPUT


# errno values that mean "the output cannot be written", whichever file it was
_OUTPUT_ERRNOS = {28, 122, 30}  # ENOSPC, EDQUOT, EROFS


def exit_for(exc: BaseException) -> tuple[int, str | None]:
    """The exit code and the one line to print for an exception that reached the command line.

    >>> exit_for(InputError("a.txt: the article is empty"))
    (2, 'error: a.txt: the article is empty')
    >>> exit_for(BrokenPipeError(32, "Broken pipe"))  # ``| head`` closed the pipe: say nothing
    (4, None)
    >>> exit_for(KeyError("text"))[0]
    70
    """
    if isinstance(exc, ClaimtrackError):
        return exc.exit_code, f"error: {exc}"
    if isinstance(exc, KeyboardInterrupt):
        return EXIT_INTERRUPTED, "interrupted"
    if isinstance(exc, BrokenPipeError):
        return EXIT_OUTPUT, None
    if isinstance(exc, OSError) and exc.errno in _OUTPUT_ERRNOS:
        where = f"{exc.filename}: " if exc.filename else ""
        return EXIT_OUTPUT, f"error: {where}cannot write ({exc.strerror})"
    if isinstance(exc, MemoryError):
        return EXIT_INTERNAL, "error: out of memory (try a smaller --max-chars, or fewer --workers)"
    msg = str(exc).splitlines()[0][:200] if str(exc) else ""
    return EXIT_INTERNAL, (f"internal error: {exc.__class__.__name__}{': ' + msg if msg else ''} "
                           f"(a bug: run with --debug for the traceback, and report it)")
