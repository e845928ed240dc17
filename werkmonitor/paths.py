"""The project's folders, found once from the package's place in the source tree, and how
a file in them is written whole or not at all.

Every module that reads project files (reference data, docs) takes its path from here, so
that moving a module one level deeper cannot make a path point inside the package.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent  # the folder holding werkmonitor/
REFERENTIE = PROJECT / "data" / "referentie"  # the published figures (CSV)
DOCS = PROJECT / "docs"


def schrijf_heel(pad: Path, schrijf: Callable[[Path], object]) -> Path:
    """Write `pad` whole or not at all: `schrijf(tijdelijk)` writes a temporary file beside
    it, which then replaces `pad` in one step (another process may read or write it too);
    what an error leaves behind is removed."""
    pad = Path(pad)
    fd, tijdelijk = tempfile.mkstemp(dir=pad.parent, prefix=f".{pad.name}.", suffix=".tmp")
    os.close(fd)
    try:
        schrijf(Path(tijdelijk))
        os.replace(tijdelijk, pad)
    finally:
        Path(tijdelijk).unlink(missing_ok=True)
    return pad
