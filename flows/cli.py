"""The ``jobpulse`` command line."""

from __future__ import annotations

import typer

app = typer.Typer(no_args_is_help=True, help="jobpulse: AI/ML job-market figures with honest uncertainty.")


@app.callback()
def main() -> None:
    """jobpulse: AI/ML job-market figures with honest uncertainty."""
