"""The `khabar` command group; the commands register themselves in the modules beside it."""

from __future__ import annotations

import click

from .. import __version__
from .common import _Main


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="khabar")
def main() -> None:
    """khabar (خبر): Arabic news → clean, dated, searchable articles with their entities, quotes and events."""
