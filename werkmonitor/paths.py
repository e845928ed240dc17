"""The project's folders, found once from the package's place in the source tree.

Every module that reads project files (reference data, docs) takes its path from here, so
that moving a module one level deeper cannot make a path point inside the package.
"""

from __future__ import annotations

from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent  # the folder holding werkmonitor/
REFERENTIE = PROJECT / "data" / "referentie"  # the published figures (CSV)
DOCS = PROJECT / "docs"
