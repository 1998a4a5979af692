"""The web view and HTTP API of a store: ``kroniek serve``, or ``create_app(db)`` for any ASGI server."""

from kroniek.serve.app import create_app, run

__all__ = ["create_app", "run"]
