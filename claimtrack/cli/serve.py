"""``claimtrack serve``: the fact-checker's desk on uvicorn (registered on the group by ``cli``).

Starlette, Jinja2 and uvicorn are imported inside the command, so ``claimtrack --help`` stays
instant; the pipeline is loaded once before the server starts listening.
"""
from __future__ import annotations

import ipaddress
import socket

import click

from .options import model_options
from ..errors import InputError, OutputError


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _check_port(host: str, port: int) -> None:
    """Refuse a port that is taken before the models load (a one-line usage error)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError as exc:
            raise InputError(f"cannot listen on {host}:{port} ({exc.strerror or exc})") from None


def _open_store(db: str) -> None:
    import sqlite3

    from ..store.store import ClaimStore

    try:
        ClaimStore.open(db).close()
    except sqlite3.Error as exc:
        raise OutputError(f"{db}: cannot open the claim store ({exc})") from None


@click.command(name="serve")
@click.option("--db", type=click.Path(dir_okay=False), default="claims.db", show_default=True,
              help="The claim store (SQLite; created if missing).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but loopback exposes the desk to the network.")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True)
@click.option("--allow-fetch", is_flag=True,
              help="Let the desk fetch an article from a URL (http(s) only, 10 s timeout, 5 MB cap). "
                   "Off by default.")
@click.option("--max-body", type=click.IntRange(1024), default=8_000_000, show_default=True,
              help="Largest request body in bytes (larger: 413).")
@click.option("--max-chars", type=click.IntRange(1), default=None,
              help="Refuse articles longer than this (default 2,000,000 characters).")
@model_options
def serve_cmd(db, host, port, allow_fetch, max_body, max_chars, model_dir, cache_dir, lexicon, ner):
    """Serve the fact-checker's desk: add articles, read them highlighted, follow claims across
    outlets, record verdicts; a JSON API under /api (see the README).

    Binds to 127.0.0.1 unless told otherwise. Ctrl-C stops the server (exit 0). A port that
    is taken is exit 2 and a store that cannot be opened exit 4, both before the models load.

    \b
    Examples:
      claimtrack serve --db desk.db
      claimtrack serve --db desk.db --port 9000 --allow-fetch
      curl -s localhost:8765/api/claims?status=disputed
    """
    from ..api import Analyzer
    from ..io.inputs import DEFAULT_MAX_CHARS

    if not _is_loopback(host):
        click.echo(f"warning: listening on {host}: the desk has no login, anyone who can reach "
                   "this address can add articles and reviews", err=True)
    _check_port(host, port)
    _open_store(db)
    click.echo("claimtrack desk: loading the models …", err=True)
    analyzer = Analyzer(model_dir, cache_dir=cache_dir, lexicon=lexicon, use_ner=ner)
    analyzer.analyze("The minister said the bridge was safe.", "warm-up")  # first parse now, not on the first page

    import uvicorn

    from ..desk.app import LOOPBACK_HOSTS, create_app

    hosts = LOOPBACK_HOSTS if _is_loopback(host) else ("*",)   # a public desk answers any name
    app = create_app(analyzer, db, allow_fetch=allow_fetch, max_body=max_body,
                     max_chars=max_chars or DEFAULT_MAX_CHARS, allowed_hosts=hosts)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"claimtrack desk: http://{shown}:{port}/ over {db} (Ctrl-C stops)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False,
                server_header=False, timeout_graceful_shutdown=5)
