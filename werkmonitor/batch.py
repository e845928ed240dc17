"""Build reports: execute the chapter notebooks for a period and render them."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

import yaml

from . import rendering, store
from .periods import Periode

# Chapter notebooks of the national report, in order: a quarter, and a half year or year.
HOOFDSTUKKEN_KWARTAAL = [
    "01_algemene_resultaten.ipynb",
    "02_specifieke_resultaten.ipynb",
    "04_conclusies.ipynb",
    "09_bijlagen.ipynb",
]
HOOFDSTUKKEN_JAAR = [
    "01_algemene_resultaten.ipynb",
    "05_jaaroverzicht.ipynb",
    "03_regios.ipynb",
    "04_conclusies.ipynb",
    "09_bijlagen.ipynb",
]


def hoofdstukken(periode: Periode, projectmap: Path) -> list[str]:
    """The chapter notebooks of a period's national report that exist in the project."""
    namen = HOOFDSTUKKEN_KWARTAAL if periode.soort == "kwartaal" else HOOFDSTUKKEN_JAAR
    return [n for n in namen if (projectmap / "notebooks" / n).exists()]


def lees_params(periode: str, projectmap: Path) -> dict:
    """Parameters for a run: params/<periode>.yml when present, else just the period."""
    pad = projectmap / "params" / f"{periode}.yml"
    params = yaml.safe_load(pad.read_text(encoding="utf-8")) if pad.exists() else {}
    params = dict(params or {})
    params["periode"] = Periode.lees(params.get("periode", periode)).code
    return params


def _bouw(
    p: Periode,
    namen: list[str],
    map_: Path,
    titel: str,
    pdf_naam: str,
    db: str | Path | None,
    root: Path,
    meld: Callable[[str], None],
) -> rendering.Uitvoer:
    """Execute chapter notebooks for a period into `map_` and render HTML, PDF and manifest."""
    params = lees_params(p.code, root)
    db_pad = Path(db).resolve() if db else store.standaard_db().resolve()
    notebook_params = {"periode": p.code, "db": str(db_pad), **_notebookparams(params)}
    map_.mkdir(parents=True, exist_ok=True)
    uitgevoerd = []
    for i, naam in enumerate(namen, start=1):
        meld(f"[{i}/{len(namen)}] {naam} uitvoeren voor {p.naam()}...")
        uitgevoerd.append(
            rendering.voer_uit(root / "notebooks" / naam, map_ / naam, notebook_params, map_)
        )
    meld("HTML en PDF maken...")
    uitvoer = rendering.render(uitgevoerd, map_, titel, p.naam().capitalize(), pdf_naam)
    with store.open_store(db_pad, alleen_lezen=True) as con:
        leveringen = store.geldige_leveringen(con, notebook_params.get("peildatum"))
        synthetisch = store.lees_info(con, "synthetisch") == "ja"
    kwartalen = {q.code for q in p.kwartalen()}
    extra = {
        "database": str(db_pad),
        "synthetische_gegevens": synthetisch,
        "leveringen": leveringen[leveringen["periode"].isin(kwartalen)][
            ["organisatie", "periode", "sha256"]
        ].to_dict("records"),
    }
    rendering.schrijf_manifest(map_, uitvoer, notebook_params, extra)
    meld(f"Klaar: {uitvoer.html} en {uitvoer.pdf}")
    return uitvoer


def rapport_landelijk(
    periode: str,
    db: str | Path | None = None,
    projectmap: Path | None = None,
    meld: Callable[[str], None] = print,
) -> rendering.Uitvoer:
    """Execute and render the national report of `periode` into reports/<periode>/landelijk/."""
    root = projectmap or store.projectmap()
    p = Periode.lees(periode)
    params = lees_params(p.code, root)
    standaard = "Landelijk rapport werkmonitor Hoofdzaak Werk"
    if p.soort != "kwartaal":
        standaard = "Jaarrapport werkmonitor Hoofdzaak Werk"
    return _bouw(
        p,
        hoofdstukken(p, root),
        root / "reports" / p.code / "landelijk",
        params.get("titel", standaard),
        f"werkmonitor_{p.code}_landelijk.pdf",
        db,
        root,
        meld,
    )


def rapport_controle(
    periode: str,
    db: str | Path | None = None,
    projectmap: Path | None = None,
    meld: Callable[[str], None] = print,
) -> rendering.Uitvoer:
    """The checks page of a period: reports/<periode>/controle/."""
    root = projectmap or store.projectmap()
    p = Periode.lees(periode)
    return _bouw(
        p,
        ["90_controle.ipynb"],
        root / "reports" / p.code / "controle",
        "Controles werkmonitor Hoofdzaak Werk",
        f"werkmonitor_{p.code}_controle.pdf",
        db,
        root,
        meld,
    )


KWALITEITSRAPPORT = "10_kwaliteitsrapport.ipynb"
DASHBOARD = "20_dashboard.ipynb"


def rapport_dashboard(
    db: str | Path | None = None,
    projectmap: Path | None = None,
    meld: Callable[[str], None] = print,
) -> rendering.Uitvoer:
    """The IPS dashboard over every quarter in the store: reports/dashboard/."""
    root = projectmap or store.projectmap()
    db_pad = Path(db).resolve() if db else store.standaard_db().resolve()
    map_ = root / "reports" / "dashboard"
    meld("IPS-dashboard maken...")
    params = {"db": str(db_pad)}
    nb = rendering.voer_uit(root / "notebooks" / DASHBOARD, map_ / DASHBOARD, params, map_)
    uitvoer = rendering.render(
        [nb],
        map_,
        "IPS-dashboard werkmonitor Hoofdzaak Werk",
        "Alle kwartalen",
        "werkmonitor_ips_dashboard.pdf",
    )
    rendering.schrijf_manifest(map_, uitvoer, params, {"database": str(db_pad)})
    meld(f"Klaar: {uitvoer.html}")
    return uitvoer


def rapporten_eenheden(
    periode: str,
    regios: list[str],
    organisaties: list[str],
    db: str | Path | None = None,
    projectmap: Path | None = None,
    meld: Callable[[str], None] = print,
) -> list[rendering.Uitvoer]:
    """Quality reports for regions and organisations: reports/<periode>/regio/<slug>/ and
    reports/<periode>/organisatie/<slug>/, not linked from the national pages.

    The tables of all units are computed once and cached; the notebooks run in one kernel.
    """
    from jupyter_client.manager import KernelManager

    from . import report_eenheid
    from .regions import slug

    root = projectmap or store.projectmap()
    p = Periode.lees(periode)
    db_pad = Path(db).resolve() if db else store.standaard_db().resolve()
    # the cache holds unsuppressed figures of every unit: keep it out of reports/, and remove it
    tijdelijk = tempfile.TemporaryDirectory(prefix="werkmonitor-eenheden-")
    cache = report_eenheid.bewaar(report_eenheid.tabellen(p.code, db_pad), Path(tijdelijk.name))
    taken = [("regio", n) for n in regios] + [("organisatie", n) for n in organisaties]
    km = KernelManager(kernel_name="python3")
    km.start_kernel()
    uit = []
    try:
        for i, (soort, naam) in enumerate(taken, start=1):
            if i == 1 or i % 10 == 0 or i == len(taken):
                meld(f"[{i}/{len(taken)}] kwaliteitsrapport {naam}...")
            map_ = root / "reports" / p.code / soort / slug(naam)
            params = {
                "periode": p.code,
                "db": str(db_pad),
                "regio": naam if soort == "regio" else None,
                "organisatie": naam if soort == "organisatie" else None,
                "cache": str(cache),
            }
            vast = {k: v for k, v in params.items() if k != "cache"}  # for the manifest
            nb = rendering.voer_uit(
                root / "notebooks" / KWALITEITSRAPPORT, map_ / KWALITEITSRAPPORT, params, map_, km
            )
            uitvoer = rendering.render(
                [nb],
                map_,
                f"Kwaliteitsrapport {naam}",
                p.naam().capitalize(),
                f"werkmonitor_{p.code}_{slug(naam)}.pdf",
            )
            rendering.schrijf_manifest(map_, uitvoer, vast, {"database": str(db_pad)})
            uit.append(uitvoer)
    finally:
        km.shutdown_kernel(now=True)
        tijdelijk.cleanup()
    return uit


def _notebookparams(params: dict) -> dict:
    """The entries of a params file that are notebook parameters."""
    return {k: params[k] for k in ("peildatum",) if params.get(k) is not None}
