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
) -> None:
    """Serve the store read-only: an HTTP API (OpenAPI at /docs) and a web view at /."""
    import uvicorn

    from kroniek.serve import create_app

    app = create_app(db, token=token)
    if not token and not _is_loopback(host):
        err_console.print(
            f"[yellow]warning[/yellow] listening on {host} without --token: anyone who can reach it reads the store"
        )
    shown = f"[{host}]" if ":" in host else host
    err_console.print(f"kroniek serves {db} at http://{shown}:{port}/" + (f"?token={token}" if token else ""))
    uvicorn.run(app, host=host, port=port, log_level="warning")


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
