"""The indicator cube: every indicator table of one store state, computed once and kept.

A table of the cube is one period (quarter, half year or year) at one level (landelijk,
regio, organisatie, organisatie_regio) with every unit of that level in it, exactly as
`table.periodetabel(..., met_noemer=True)` computes it; below the national level also with
privacy suppression (`privacy.onderdruk_indicatoren`, which works per unit), as the quality
reports show it. A region's or organisation's figures are a slice of its level's table, so
the 77 quality reports of a quarter read the tables their level needs instead of each
computing its own.

Tables are kept on disk in a folder named by the store state's fingerprint (`vingerafdruk`:
the content of the registrations in force at `peildatum` under official names, the data
status and the package's source), and in memory for the life of a process. Every notebook,
report, process and command that reads the same state reads the same files. The files are
pickles because they must give back the exact pandas types the methods return; they are a
private cache under `build/`, never published, and are written by this module only.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from werkmonitor import store
from werkmonitor.indicators import privacy
from werkmonitor.indicators.table import (
    NIVEAUS,
    SCHEIDING,
    eenheidsrijen,
    met_vergelijkingen,
    stromen_per_kwartaal,
    tabel_uit_rijen,
    tabellen_uit_rijen,
    vergelijkingen,
)
from werkmonitor.paths import PROJECT, schrijf_heel
from werkmonitor.periods import Periode
from werkmonitor.versie import pakket

BEWAARD = 24  # store states whose cube is kept on disk (the oldest are removed)


def kubusmap() -> Path:
    """Where cubes are kept: $WERKMONITOR_KUBUS, else build/kubus/ in the project."""
    eigen = os.environ.get("WERKMONITOR_KUBUS")
    return Path(eigen) if eigen else PROJECT / "build" / "kubus"


def vingerafdruk(con, peildatum=None) -> str:
    """A fingerprint of what the indicators are computed from: the registrations in force
    at `peildatum` by content (a delivery replaced by one with the same numbers keeps it),
    the data status, the as-of date and the package's source (the methods)."""
    geldig = store.geldige_leveringen(con, peildatum)[["levering_id", "organisatie"]]
    aantal, inhoud = store.inhoud(con, geldig)
    synthetisch = store.lees_info(con, "synthetisch") or ""
    tekst = f"{aantal}|{inhoud}|{synthetisch}|{peildatum}|{pakket()}"
    return hashlib.sha256(tekst.encode()).hexdigest()[:20]


_GEHEUGEN: dict[tuple, pd.DataFrame] = {}  # (fingerprint, period, level, suppressed) -> table
_GEOPEND: dict[tuple, Kubus] = {}  # (store file, its mtime, size, inode, peildatum) -> cube
_PER_EENHEID: dict[tuple, dict] = {}  # as _GEHEUGEN -> unit -> its rows' positions


def vergeet() -> None:
    """Let go of the tables and cubes this process keeps in memory (those on disk stay)."""
    _GEHEUGEN.clear()
    _GEOPEND.clear()
    _PER_EENHEID.clear()


@dataclass
class Kubus:
    """The indicator tables of one state of a store (see the module's docstring)."""

    db: Path
    peildatum: str | None
    sleutel: str
    synthetisch: bool
    perioden: frozenset[str]  # the quarters with registrations
    _reg: pd.DataFrame | None = field(default=None, repr=False)
    _reg_kwartalen: frozenset[str] = field(default=frozenset(), repr=False)  # what _reg holds
    _rijen: dict = field(default_factory=dict, repr=False)  # period -> (unit rows, its reg)
    _stroom: dict = field(default_factory=dict, repr=False)  # quarter -> its flows

    @classmethod
    def van(cls, db=None, peildatum=None) -> Kubus:
        """The cube of the store `db` (default: the project's) as it is now; the same object
        while the store file is unchanged (an intake replaces the file as a whole)."""
        pad = Path(db) if db else store.standaard_db()
        try:
            st = pad.stat()
            bestand = (str(pad.resolve()), st.st_mtime_ns, st.st_size, st.st_ino, peildatum)
        except OSError:
            bestand = None
        if bestand is not None and bestand in _GEOPEND:
            return _GEOPEND[bestand]
        kubus = cls._open(pad, peildatum)
        if bestand is not None:
            if len(_GEOPEND) > 16:
                _GEOPEND.clear()
            _GEOPEND[bestand] = kubus
        return kubus

    @classmethod
    def _open(cls, pad: Path, peildatum) -> Kubus:
        """Read the fingerprint and what the cube needs to know of the store."""
        with store.open_store(pad, alleen_lezen=True) as con:
            sleutel = vingerafdruk(con, peildatum)
            synthetisch = store.lees_info(con, "synthetisch") == "ja"
            perioden = frozenset(store.geldige_leveringen(con, peildatum)["periode"])
        return cls(
            pad, None if peildatum is None else str(peildatum), sleutel, synthetisch, perioden
        )

    def registraties(self, kwartalen: set[str] | None = None) -> pd.DataFrame:
        """The registrations in force, at least those of `kwartalen` (None: of every
        quarter), read only when a table must be computed: only those quarters when no
        registrations were read yet (the tables as published of a quarter's batch need
        three of twelve quarters), all of them when more are asked later."""
        nodig = self.perioden if kwartalen is None else frozenset(kwartalen) & self.perioden
        if self._reg is None or not nodig <= self._reg_kwartalen:
            deel = self._reg is None and nodig != self.perioden
            with store.open_store(self.db, alleen_lezen=True) as con:
                self._reg = store.registraties(
                    con, sorted(nodig) if deel else None, peildatum=self.peildatum
                )
            self._reg_kwartalen = nodig if deel else self.perioden
        return self._reg

    def heeft(self, periode: str) -> bool:
        """Whether any quarter of `periode` has registrations in force."""
        return any(q.code in self.perioden for q in Periode.lees(periode).kwartalen())

    def tabel(self, periode: str, niveau: str = "landelijk", onderdrukt: bool = False):
        """The indicator table of `periode` at `niveau`, every unit in it: with its `noemer`
        column, or with privacy suppression (`onderdrukt`, column `onderdrukt`, no `noemer`).
        Computed at most once per store state; a copy the caller may change."""
        return self._gedeeld(Periode.lees(periode).code, niveau, onderdrukt).copy()

    def _gedeeld(self, code: str, niveau: str, onderdrukt: bool) -> pd.DataFrame:
        """`tabel` as this process keeps it: shared, not to be changed."""
        if niveau not in NIVEAUS:
            raise ValueError(f"Onbekend niveau '{niveau}': kies uit {', '.join(NIVEAUS)}.")
        sleutel = (self.sleutel, code, niveau, onderdrukt)
        if sleutel not in _GEHEUGEN:
            if len(_GEHEUGEN) > 256:
                _GEHEUGEN.clear()
                _PER_EENHEID.clear()
            _GEHEUGEN[sleutel] = self._bewaard(code, niveau, onderdrukt)
        return _GEHEUGEN[sleutel]

    def _bewaard(self, code: str, niveau: str, onderdrukt: bool) -> pd.DataFrame:
        """The table from disk, or computed and written there."""
        pad = self._bestand(code, niveau, onderdrukt)
        try:
            return pd.read_pickle(pad)
        except (OSError, EOFError, ValueError):
            pass
        tabel = self._bereken(code, niveau, onderdrukt)
        _schrijf(tabel, pad)
        return tabel

    def _bereken(self, code: str, niveau: str, onderdrukt: bool) -> pd.DataFrame:
        """Compute one table of the cube."""
        if onderdrukt:
            # a region's quarter: its flows are tied to the running counts of the quarter
            # before, which its report shows
            p = Periode.lees(code)
            vorige = None
            if niveau == "regio" and p.soort == "kwartaal" and self.heeft(p.vorige().code):
                vorige = self._gedeeld(p.vorige().code, niveau, False)
            return privacy.onderdruk_indicatoren(self.tabel(code, niveau), vorige=vorige)
        rijen, reg_p = self._per_periode(code)
        return tabel_uit_rijen(rijen, reg_p, code, niveau, met_noemer=True)

    def _per_periode(self, code: str) -> tuple[pd.DataFrame | None, pd.DataFrame]:
        """The unit rows of a period (None without registrations) and its registrations:
        computed once, they serve every level."""
        if code not in self._rijen:
            reg = self.registraties(_met_kwartaal_ervoor(_kwartalen(code)))
            reg_p = reg[reg["periode"].isin([q.code for q in Periode.lees(code).kwartalen()])]
            # a half year or year from the rows of its quarters, computed once for both
            rijen = (
                None
                if reg_p.empty
                else eenheidsrijen(
                    reg,
                    code,
                    kwartaalrijen=lambda q: self._per_periode(q)[0],
                    stromen_van=self._stromen,
                )
            )
            self._rijen[code] = (rijen, reg_p)
        return self._rijen[code]

    def _stromen(self, kwartaal: str) -> pd.DataFrame:
        """`table.stromen` of a quarter, computed with others at once (`_stromen_voor`)."""
        if kwartaal not in self._stroom:
            self._stromen_voor({kwartaal} | (self.perioden - self._stroom.keys()))
        return self._stroom[kwartaal]

    def _stromen_voor(self, kwartalen: set[str]) -> None:
        """Compute the flows of the quarters `kwartalen` not computed yet, in one pass over
        them and the quarters before them (`table.stromen_per_kwartaal`): a quarter's flows
        depend on it and the quarter before only, so those of the quarters before are
        left out (they lack their own quarter before)."""
        nieuw = set(kwartalen) - self._stroom.keys()
        if not nieuw:
            return
        lezen = _met_kwartaal_ervoor(nieuw)
        reg = self.registraties(lezen)
        alle = stromen_per_kwartaal(reg[reg["periode"].isin(sorted(lezen))])
        self._stroom.update({q: alle[q] for q in nieuw if q in alle})

    def eenheidsrijen(self, periode: str) -> pd.DataFrame:
        """`table.eenheidsrijen` of a period (organisation x region x traject), a copy."""
        rijen, _reg_p = self._per_periode(Periode.lees(periode).code)
        if rijen is None:  # no registrations: no rows (a quarter of a year not yet delivered)
            return self.registraties(set()).iloc[:0].reset_index(drop=True)
        return rijen.copy()

    def _bestand(self, code: str, niveau: str, onderdrukt: bool) -> Path:
        """Where one table of this state is kept."""
        return self._map() / f"{code}_{niveau}{'_onderdrukt' if onderdrukt else ''}.pkl"

    def _map(self) -> Path:
        """This state's folder (made when first needed; old states are removed)."""
        map_ = kubusmap() / self.sleutel
        if not map_.is_dir():
            map_.mkdir(parents=True, exist_ok=True)
            _opruimen(map_.parent, BEWAARD)
        return map_

    def eenheid(self, periode: str, niveau: str, naam: str, onderdrukt: bool = True):
        """The table of one unit (a region or organisation, or 'organisatie␟regio') as if
        its registrations alone were the nation: `eenheid` '' and `niveau` 'landelijk'. Equal
        to `periodetabel` (and the suppression) on the unit's registrations alone."""
        code = Periode.lees(periode).code
        t = self._gedeeld(code, niveau, onderdrukt)
        sleutel = (self.sleutel, code, niveau, onderdrukt)
        if sleutel not in _PER_EENHEID:  # each unit's rows found once per table, not per unit
            _PER_EENHEID[sleutel] = t.groupby("eenheid", sort=False).indices
        plekken = _PER_EENHEID[sleutel].get(naam, np.array([], dtype=np.int64))
        t = t.iloc[plekken].reset_index(drop=True)
        return t.assign(eenheid="", niveau="landelijk")

    def regios_van(self, periode: str, organisatie: str, onderdrukt: bool = True):
        """An organisation's table per region (eenheid = region), by default suppressed:
        equal to `periodetabel(..., 'regio', met_noemer=True)` of its registrations alone
        (and its suppression)."""
        t = self._gedeeld(Periode.lees(periode).code, "organisatie_regio", onderdrukt)
        voor = organisatie + SCHEIDING  # the selection below is a new frame: no copy first
        t = t[t["eenheid"].str.startswith(voor)].reset_index(drop=True)
        return t.assign(eenheid=t["eenheid"].str.slice(len(voor)), niveau="regio")

    def indicatoren(self, periode: str, niveau: str = "landelijk") -> pd.DataFrame:
        """The indicator table of `periode` at `niveau` with its comparisons, unsuppressed:
        `table.indicatoren` with the published method, read from the cube's tables of the
        period and of the periods it is compared with (`werkmonitor cijfers`)."""
        code = Periode.lees(periode).code

        def zonder_noemer(c: str) -> pd.DataFrame:
            return self.tabel(c, niveau).drop(columns="noemer")

        eerder = {naam: zonder_noemer(e.code) for naam, e in vergelijkingen(code)}
        return met_vergelijkingen(zonder_noemer(code), code, eerder)

    def ontbrekend(self, perioden: list[str], niveaus: list[str], onderdrukt: bool = True):
        """The tables `vul_samen` would compute, as (period, level, suppressed): those of periods
        with registrations that are not on disk yet."""
        weg = []
        for code in perioden:
            if not self.heeft(code):
                continue
            for niveau in niveaus:
                o = onderdrukt and privacy.onderdrukt_voor(niveau)
                for met in (False, True) if o else (False,):  # suppressed: from the plain one
                    if not self._bestand(Periode.lees(code).code, niveau, met).exists():
                        weg.append((code, niveau, met))
        return weg

    def vul_samen(self, taken: list[tuple[str, list[str]]], onderdrukt: bool = True) -> None:
        """Compute the tables of each (period, levels) of `taken` that are neither in
        memory nor on disk, the plain ones as one (`table.tabellen_uit_rijen`: half the
        time of one by one), then the suppressed ones where the reports of that level show
        them so (`privacy.onderdrukt_voor`: a region's; an organisation's reports show its
        own numbers as they are, and nothing reads them suppressed)."""
        nodig = []
        for periode, niveaus in taken:
            if not self.heeft(periode):
                continue
            code = Periode.lees(periode).code
            for niveau in niveaus:
                sleutel = (self.sleutel, code, niveau, False)
                if sleutel not in _GEHEUGEN and not self._bestand(code, niveau, False).exists():
                    nodig.append((code, niveau))
        nodig = list(dict.fromkeys(nodig))
        if nodig:
            # only the quarters these tables read, and those before them (a region's
            # quarter is suppressed with the quarter before's table)
            kwartalen = set().union(
                *(_kwartalen(c) | _kwartalen(Periode.lees(c).vorige().code) for c, _n in nodig)
            )
            self._stromen_voor(kwartalen & self.perioden)
            delen = [(*self._per_periode(code), code, niveau) for code, niveau in nodig]
            if len(_GEHEUGEN) + len(nodig) > 256:
                _GEHEUGEN.clear()
                _PER_EENHEID.clear()
            for (code, niveau), tabel in zip(
                nodig, tabellen_uit_rijen(delen, met_noemer=True), strict=True
            ):
                _schrijf(tabel, self._bestand(code, niveau, False))
                _GEHEUGEN[(self.sleutel, code, niveau, False)] = tabel
        for periode, niveaus in taken:
            if not self.heeft(periode):
                continue
            for niveau in niveaus:
                o = onderdrukt and privacy.onderdrukt_voor(niveau)
                self._gedeeld(Periode.lees(periode).code, niveau, o)


def _kwartalen(code: str) -> set[str]:
    """The quarters of period `code`."""
    return {q.code for q in Periode.lees(code).kwartalen()}


def _met_kwartaal_ervoor(kwartalen: set[str]) -> set[str]:
    """`kwartalen` and the quarter before each (whose running counts give the flows)."""
    return set(kwartalen) | {Periode.lees(q).vorige().code for q in kwartalen}


def _schrijf(tabel: pd.DataFrame, pad: Path) -> None:
    """Write a table whole or not at all (another process may read or write it too)."""
    schrijf_heel(pad, tabel.to_pickle)


def _opruimen(map_: Path, bewaard: int) -> None:
    """Remove all but the `bewaard` most recently made state folders."""
    mappen = sorted(
        (m for m in map_.iterdir() if m.is_dir()), key=lambda m: m.stat().st_mtime, reverse=True
    )
    for oud in mappen[bewaard:]:
        shutil.rmtree(oud, ignore_errors=True)
