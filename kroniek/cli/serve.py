"""kroniek serve: the HTTP API and web view of a store."""

from __future__ import annotations

import ipaddress

import typer

from kroniek.cli.common import DbOption, err_console


def serve(
    db: str = DbOption,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on; 127.0.0.1 is this machine only."),
    port: int = typer.Option(8000, "--port", min=0, max=65535, help="Port to listen on."),
    token: str = typer.Option(
        None, "--token", envvar="KRONIEK_TOKEN", help="Require this token (Bearer header or ?token=) on every request."
    ),
    workers: int = typer.Option(1, "--workers", min=1, help="Server processes (one per core answers the most)."),
) -> None:
    """Serve the store read-only: an HTTP API (OpenAPI at /docs) and a web view at /."""
    from pathlib import Path

    from kroniek.cli.common import fail
    from kroniek.errors import KroniekError, Msg
    from kroniek.serve.app import run

    if not Path(db).exists():
        fail(KroniekError(Msg.K403, db=db))
    if not token and not _is_loopback(host):
        err_console.print(
            f"[yellow]warning[/yellow] listening on {host} without --token: anyone who can reach it reads the store"
        )
    shown = f"[{host}]" if ":" in host else host
    err_console.print(f"kroniek serves {db} at http://{shown}:{port}/" + (f"?token={token}" if token else ""))
    run(db, host=host, port=port, token=token, workers=workers)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
