"""Build reports: execute the chapter notebooks for a period and render them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml

from werkmonitor import store
from werkmonitor.periods import Periode
from werkmonitor.publish import invoer, rendering, site

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


def _lees_yaml(pad: Path) -> dict:
    """A params file as a dict ({} when absent); a broken one named in one Dutch line."""
    try:
        inhoud = yaml.safe_load(pad.read_text(encoding="utf-8")) if pad.exists() else {}
    except yaml.YAMLError as exc:
        plek = getattr(exc, "problem_mark", None)
        waar = f"rond regel {plek.line + 1}" if plek is not None else "het bestand"
        raise ValueError(
            f"{pad} is geen geldig YAML-bestand; controleer {waar} (haakjes, aanhalingstekens, "
            "inspringing)."
        ) from exc
    except UnicodeDecodeError as exc:
        raise ValueError(f"{pad} is geen UTF-8-tekst; sla het op als UTF-8.") from exc
    if inhoud is not None and not isinstance(inhoud, dict):
        raise ValueError(f"{pad} moet sleutels met waarden bevatten (zoals 'titel: ...').")
    return dict(inhoud or {})


def lees_params(periode: Periode, projectmap: Path, peildatum: str | None = None) -> dict:
    """Parameters for a run: the notebook parameters of params/<periode>.yml (what
    `papermill -f` passes to a notebook: periode, peildatum) and the report's own settings
    of params/<periode>.rapport.yml (titel, auteurs, datum), each when present."""
    map_ = projectmap / "params"
    params = {**_lees_yaml(map_ / f"{periode.code}.rapport.yml")}
    params.update(_lees_yaml(map_ / f"{periode.code}.yml"))
    eigen = params.get("periode")
    params["periode"] = Periode.lees(str(eigen)).code if eigen else periode.code
    if peildatum is not None:  # --peildatum of the command line goes before the file's
        params["peildatum"] = str(peildatum)
    return params


def titelpagina(params: dict) -> dict:
    """The title-page fields of a report from its params file: authors, date of
    publication, and a colophon with publisher and contact (each when given)."""
    colofon = " ".join(
        zin
        for zin in (
            f"Uitgegeven door {params['uitgever']}." if params.get("uitgever") else "",
            f"Contact: {params['contact']}." if params.get("contact") else "",
        )
        if zin
    )
    meta = {"author": params.get("auteurs"), "date": params.get("datum")}
    if colofon:
        meta.update({"abstract": colofon, "abstract-title": "Colofon"})
    return meta


class BatchFout(RuntimeError):
    """One or more reports of a batch failed; the others were built. The message lists each
    failed report with its notebook, cell and error."""

    def __init__(self, mislukt: list[tuple[str, str]], totaal: int):
        self.mislukt = mislukt
        regels = [f"{len(mislukt)} van {totaal} rapporten mislukt:"]
        regels += [f"  {naam}: {fout}" for naam, fout in mislukt]
        super().__init__("\n".join(regels))


def _werkboek(uitvoer: rendering.Uitvoer, titel: str, synthetisch: bool) -> Path | None:
    """The workbook with the numbers behind the report's figures and tables, beside its
    PDF (`<pdf>_cijfers.xlsx`); none when the report offers no numbers for download."""
    from werkmonitor.publish import export

    hoofdstukken = export.cijfers_per_hoofdstuk(uitvoer.html.parent, uitvoer.notebooks)
    if not hoofdstukken:
        return None
    doel = uitvoer.pdf.with_name(uitvoer.pdf.stem + "_cijfers.xlsx")
    return export.schrijf_rapportcijfers(hoofdstukken, doel, titel, synthetisch)


def _voet(kopie: Path, datum: str | None, cijfers: str) -> site.Voet:
    """The footer of a page built from the snapshot `kopie` (its data status read there)."""
    with store.open_store(kopie, alleen_lezen=True) as con:
        synthetisch = store.lees_info(con, "synthetisch") == "ja"
    return site.Voet(str(datum) if datum else None, cijfers, synthetisch)


def _overgeslagen(map_: Path, sleutel: str, opnieuw: bool, meld=None) -> rendering.Uitvoer | None:
    """The existing report in `map_` when its inputs are unchanged (and not `opnieuw`)."""
    if opnieuw:
        return None
    bestaand = invoer.ongewijzigd(map_, sleutel)
    if bestaand is not None and meld is not None:
        meld(f"Ongewijzigd, overgeslagen: {map_}")
    return bestaand


def _bouw(
    p: Periode,
    namen: list[str],
    map_: Path,
    titel: str,
    pdf_naam: str,
    db: str | Path | None,
    root: Path,
    meld: Callable[[str], None],
    opnieuw: bool = False,
    exact: bool = True,
    peildatum: str | None = None,
) -> rendering.Uitvoer:
    """Execute chapter notebooks for a period into `map_` and render HTML, PDF and manifest.

    Built from a snapshot of the store; skipped when the report in `map_` was built from the
    same inputs (`publish.invoer`) unless `opnieuw`. Built in a temporary folder beside
    `map_` and moved into place only when complete: a failed build leaves the previous
    report (or nothing)."""
    params = lees_params(p, root, peildatum)
    db_pad = Path(db).resolve() if db else store.standaard_db().resolve()
    with store.momentopname(db_pad, meld=meld) as kopie:
        notebook_params = {"periode": p.code, "db": str(kopie), **_notebookparams(params)}
        vast = {**notebook_params, "db": str(db_pad)}
        peildatum = notebook_params.get("peildatum")
        cijfers = invoer.cijfers(kopie, p, peildatum, exact)
        staat = invoer.herzieningsstaat(kopie, p, peildatum, notebook_params.get("aanleveren_tot"))
        hashes = invoer.invoer(root, namen, cijfers, {**vast, "herzieningen": staat})
        bestaand = _overgeslagen(map_, hashes["sleutel"], opnieuw, meld)
        if bestaand is not None:
            return bestaand
        with store.open_store(kopie, alleen_lezen=True) as con:
            leveringen = store.geldige_leveringen(con, notebook_params.get("peildatum"))
        voet = _voet(kopie, params.get("datum"), cijfers)
        synthetisch = voet.synthetisch
        openbaar = map_.resolve().is_relative_to(site.sitemap(root).resolve())
        kwartalen = {q.code for q in p.kwartalen()}
        # the public site names no organisation: its deliveries by quarter and file hash
        kolommen = ["periode", "sha256"] if openbaar else ["organisatie", "periode", "sha256"]
        extra = {
            "database": str(db_pad),
            "synthetische_gegevens": synthetisch,
            "voet": voet.__dict__,
            "leveringen": leveringen[leveringen["periode"].isin(kwartalen)][kolommen].to_dict(
                "records"
            ),
        }
        with rendering.heel_of_niet(map_, root) as bouw:
            uitgevoerd = []
            for i, naam in enumerate(namen, start=1):
                meld(f"[{i}/{len(namen)}] {naam} uitvoeren voor {p.naam()}...")
                uitgevoerd.append(
                    rendering.voer_uit(
                        root / "notebooks" / naam, bouw / naam, notebook_params, vast
                    )
                )
            meld("HTML en PDF maken...")
            meta = titelpagina(params)
            uitvoer = rendering.render(
                uitgevoerd,
                bouw,
                titel,
                p.naam().capitalize(),
                pdf_naam,
                meta,
                root,
                site.omlijsting(map_, root, voet),
            )
            _werkboek(uitvoer, titel, synthetisch)
            rendering.schrijf_manifest(bouw, uitvoer, vast, extra, hashes)
    uitvoer = rendering.verplaatst(uitvoer, bouw, map_)
    meld(f"Klaar: {uitvoer.html} en {uitvoer.pdf}")
    return uitvoer


def rapport_landelijk(
    periode: Periode,
    db: str | Path | None = None,
    projectmap: Path | None = None,
    meld: Callable[[str], None] = print,
    opnieuw: bool = False,
    peildatum: str | None = None,
    doel: Path | None = None,
) -> rendering.Uitvoer:
    """Execute and render the national report of `periode` into the public site,
    reports/site/<periode>/ (or `doel`), with the figures as known on `peildatum` when
    given."""
    root = projectmap or store.projectmap()
    p = periode
    params = lees_params(p, root)
    standaard = "Landelijk rapport werkmonitor Hoofdzaak Werk"
    if p.soort != "kwartaal":
        standaard = "Jaarrapport werkmonitor Hoofdzaak Werk"
    return _bouw(
        p,
        hoofdstukken(p, root),
        doel or site.landelijk(root, p),
        params.get("titel", standaard),
        f"werkmonitor_{p.code}_landelijk.pdf",
        db,
        root,
        meld,
        opnieuw,
        peildatum=peildatum,
    )


def rapport_controle(
    periode: Periode,
    db: str | Path | None = None,
    projectmap: Path | None = None,
    meld: Callable[[str], None] = print,
    opnieuw: bool = False,
    peildatum: str | None = None,
) -> rendering.Uitvoer:
    """The checks page of a period (internal): reports/intern/<periode>/controle/."""
    root = projectmap or store.projectmap()
    p = periode
    return _bouw(
        p,
        ["90_controle.ipynb"],
        site.controle(root, p),
        "Controles werkmonitor Hoofdzaak Werk",
        f"werkmonitor_{p.code}_controle.pdf",
        db,
        root,
        meld,
        opnieuw,
        exact=False,  # it also compares the published years with the store
        peildatum=peildatum,
    )


DASHBOARD = "20_dashboard.ipynb"


def rapport_dashboard(
    db: str | Path | None = None,
    projectmap: Path | None = None,
    meld: Callable[[str], None] = print,
    opnieuw: bool = False,
) -> rendering.Uitvoer:
    """The IPS dashboard over every quarter in the store (public): reports/site/dashboard/."""
    root = projectmap or store.projectmap()
    db_pad = Path(db).resolve() if db else store.standaard_db().resolve()
    map_ = site.dashboard(root)
    meld("IPS-dashboard maken...")
    with store.momentopname(db_pad, meld=meld) as kopie:
        params = {"db": str(db_pad)}
        cijfers = invoer.cijfers(kopie, None)
        with store.open_store(kopie, alleen_lezen=True) as con:
            laatste = max(store.geldige_leveringen(con)["periode"], key=Periode.lees)
        staat = invoer.herzieningsstaat(kopie, Periode.lees(laatste))
        hashes = invoer.invoer(root, [DASHBOARD], cijfers, {**params, "herzieningen": staat})
        bestaand = _overgeslagen(map_, hashes["sleutel"], opnieuw, meld)
        if bestaand is not None:
            return bestaand
        voet = _voet(kopie, None, cijfers)
        with rendering.heel_of_niet(map_, root) as bouw:
            nb = rendering.voer_uit(
                root / "notebooks" / DASHBOARD, bouw / DASHBOARD, {"db": str(kopie)}, params
            )
            uitvoer = rendering.render(
                [nb],
                bouw,
                "IPS-dashboard werkmonitor Hoofdzaak Werk",
                "Alle kwartalen",
                "werkmonitor_ips_dashboard.pdf",
                root=root,
                omlijsting=site.omlijsting(map_, root, voet),
            )
            _werkboek(uitvoer, "IPS-dashboard werkmonitor Hoofdzaak Werk", voet.synthetisch)
            extra = {"database": str(db_pad), "voet": voet.__dict__}
            rendering.schrijf_manifest(bouw, uitvoer, params, extra, hashes)
    uitvoer = rendering.verplaatst(uitvoer, bouw, map_)
    meld(f"Klaar: {uitvoer.html}")
    return uitvoer


def rapporten_eenheden(
    periode: Periode,
    regios: list[str],
    organisaties: list[str],
    db: str | Path | None = None,
    projectmap: Path | None = None,
    meld: Callable[[str], None] = print,
    werkers: int = 2,
    opnieuw: bool = False,
    peildatum: str | None = None,
    daarnaast: Callable[[], None] | None = None,
) -> list[rendering.Uitvoer]:
    """Quality reports for regions and organisations: the chapter notebooks of the national
    report run with a `regio` or `organisatie` parameter, into
    reports/intern/<periode>/regio/<slug>/ and reports/intern/<periode>/organisatie/<slug>/
    (the internal tree: never linked from the public site).

    `werkers` processes work side by side (`_pool`), each taking the next report when it is
    done with one; each process keeps the indicator cube it read, so the national figures
    are read once per process. A report whose inputs are unchanged is skipped. A report that
    fails does not stop the others: at the end a `BatchFout` names each failed report,
    notebook, cell and error. A progress bar (on a terminal; else a line per report) counts
    reports done, skipped and failed, with the time left. Reports come back in the order
    asked.

    `daarnaast`: other work (the national report, say) done in this process while the
    processes build the first quality reports, so that no core waits; the progress of the
    quality reports is shown when it is done.
    """
    from concurrent.futures import as_completed

    from tqdm import tqdm

    root = Path(projectmap or store.projectmap()).resolve()  # other processes: no relative paths
    p = periode
    params = lees_params(p, root, peildatum)
    db_pad = Path(db).resolve() if db else store.standaard_db().resolve()
    namen = hoofdstukken(p, root)  # the national chapters, run for the unit
    taken = [("regio", n) for n in regios] + [("organisatie", n) for n in organisaties]
    mislukt: list[tuple[str, str]] = []
    telling = {"gebouwd": 0, "overgeslagen": 0, "mislukt": 0}
    klaar: list[tuple[int, rendering.Uitvoer]] = []
    balk = None

    def afgerond(i: int, soort: str, naam: str, uitkomst: str, waarde) -> None:
        if uitkomst == "mislukt":
            mislukt.append((f"{soort} {naam}", waarde))
        else:
            klaar.append((i, waarde))
        telling[uitkomst] += 1
        balk.set_postfix(telling, refresh=False)
        balk.update()
        if balk.disable:  # no terminal (a log, CI): one line per report instead
            meld(f"[{sum(telling.values())}/{len(taken)}] kwaliteitsrapport {naam}: {uitkomst}")

    with store.momentopname(db_pad, meld=meld) as kopie:
        # every unit of the batch reads the same snapshot of the store
        nbp = _notebookparams(params)
        cijfers = invoer.cijfers(kopie, p, nbp.get("peildatum"))
        gedeeld = invoer.gemeen(root, namen, cijfers)
        gedeeld["herzieningen"] = invoer.herzieningsstaat(
            kopie, p, nbp.get("peildatum"), nbp.get("aanleveren_tot")
        )
        voet = _voet(kopie, params.get("datum"), cijfers)
        # the last publication of each period the reports read (the cube's tables as
        # published, for the revision sections), asked once
        gepubliceerd = _publicaties(kopie, p, nbp.get("peildatum"))
        te_bouwen, ongewijzigd = [], []
        for i, (soort, naam) in enumerate(taken):
            nb_params = _eenheidparams(p, soort, naam, params, kopie)
            hashes = invoer.met_parameters(gedeeld, {**nb_params, "db": str(db_pad)})
            bestaand = _overgeslagen(_eenheidmap(root, p, soort, naam), hashes["sleutel"], opnieuw)
            if bestaand is not None:  # decided here: no process is started for it
                ongewijzigd.append((i, soort, naam, bestaand))
            else:
                te_bouwen.append((i, soort, naam, nb_params, hashes))
        if te_bouwen or daarnaast is not None:
            soorten = {soort for _i, soort, *_r in te_bouwen}
            werk = min(werkers, len(te_bouwen))  # no forkserver when nothing is built
            _kubus_vooraf(kopie, p, params, soorten, werk, gepubliceerd)
            if daarnaast is None:
                _na_de_kubus()
        with _pool(min(werkers, len(te_bouwen))) as pool:
            lopend = {
                pool.submit(
                    _eenheid, p, soort, naam, namen, nb_params, db_pad, root, hashes, voet
                ): (
                    i,
                    soort,
                    naam,
                )
                for i, soort, naam, nb_params, hashes in te_bouwen
            }
            if daarnaast is not None:
                # what only the national reports read, while the workers build
                _kubus_landelijk(kopie, p, params, gepubliceerd)
                _na_de_kubus()
                daarnaast()
                _ontlast()
            balk = tqdm(total=len(taken), desc="kwaliteitsrapporten", unit="rapport", disable=None)
            for i, soort, naam, bestaand in ongewijzigd:
                afgerond(i, soort, naam, "overgeslagen", bestaand)
            for f in as_completed(lopend):
                i, soort, naam = lopend[f]
                try:
                    uitkomst, waarde = f.result()
                except Exception as exc:  # the process itself died (memory, a signal)
                    uitkomst, waarde = "mislukt", f"werkproces afgebroken ({exc or type(exc)})"
                afgerond(i, soort, naam, uitkomst, waarde)
    balk.close()
    meld(
        f"Kwaliteitsrapporten: {telling['gebouwd']} gebouwd, {telling['overgeslagen']} "
        f"ongewijzigd overgeslagen, {telling['mislukt']} mislukt."
    )
    if mislukt:
        raise BatchFout(sorted(mislukt), len(taken))
    return [u for _i, u in sorted(klaar, key=lambda x: x[0])]


def _ontlast() -> None:
    """This process is done building and only waits for the worker processes: end its pandoc
    and Typst helpers and let go of what it read (≈ 0,2 GB of the batch's memory while the
    quality reports are built)."""
    import gc

    from werkmonitor.indicators import kubus

    rendering.stop_hulpprocessen()
    kubus.vergeet()
    store.vergeet()
    gc.collect()
    geef_geheugen_terug()


def _na_de_kubus() -> None:
    """The cube is computed and on disk: let go of it and of what computing it used
    (≈ 0,2 GB: the registrations, every period's rows and tables, pandas' temporaries),
    before this process builds the national reports beside the workers; they read the
    tables they need from disk."""
    import gc

    from werkmonitor.indicators import kubus

    kubus.vergeet()
    gc.collect()
    geef_geheugen_terug()


def geef_geheugen_terug() -> None:
    """Give memory this process freed back to the system (glibc's `malloc_trim`): freed
    pandas and Python objects otherwise stay counted as this process's memory (measured
    after the cube: 253 -> 179 MB). Nothing on other systems."""
    import ctypes

    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def _kubus_vooraf(
    kopie: Path,
    p: Periode,
    params: dict,
    soorten: set[str],
    werkers: int,
    gepubliceerd: list[tuple[str, str]],
) -> None:
    """Compute the cube's tables that a quarter's quality reports read and the store does
    not have yet, once, before any of them is built: each process then reads them from
    disk instead of every process computing the same tables at the same time. This process
    computes them, all as one (`Kubus.vul_samen`), while the workers' forkserver starts and
    imports what they need (`_forkserver_vooruit`; with `werkers`): side by side in
    processes of their own they took longer (6,5 s against 4,1 s here for the 2025Q4
    batch, the forkserver's start included), since each computed the rows of the quarters
    its periods share. What the reports of the units of `soorten` read (measured on the
    2025Q4 batch): every period of the report nationally and at their level, an
    organisation's regions in the quarter itself, and their level as published
    (`gepubliceerd`: `_publicaties`). The tables that only the national report and checks
    page read follow in
    `_kubus_landelijk` while the workers build; the registrations and rows read stay in
    memory for that (`_na_de_kubus` lets go)."""
    from werkmonitor.indicators import kubus
    from werkmonitor.report import kwartaal

    if werkers > 0:
        _forkserver_vooruit()
    if p.soort != "kwartaal":
        return  # the annual chapters read other periods; their tables are made when read
    peildatum = _notebookparams(params).get("peildatum")
    eenheden = sorted(soorten)
    taken = {peildatum: [(code, ["landelijk", *eenheden]) for code in kwartaal.perioden(p.code)]}
    if "organisatie" in soorten:  # an organisation's report shows its regions
        taken[peildatum].append((p.code, ["organisatie_regio"]))
    # and the tables as published, which the reports' revision sections compare with
    for dag, periode in gepubliceerd:
        taken.setdefault(dag, []).append((periode, eenheden))
    for dag, deel in taken.items():
        kubus.Kubus.van(kopie, dag).vul_samen(deel)


def _publicaties(kopie: Path, p: Periode, peildatum) -> list[tuple[str, str]]:
    """(date, period) of the last publication of each period the report of `p` reads."""
    from werkmonitor.report import kwartaal

    with store.open_store(kopie, alleen_lezen=True) as con:
        pub = store.publicaties(con, peildatum)
    pub = pub[pub["periode"].isin(kwartaal.perioden(p.code))].groupby("periode").tail(1)
    return [(r.datum.isoformat(), r.periode) for r in pub.itertuples(index=False)]


def _kubus_landelijk(
    kopie: Path, p: Periode, params: dict, gepubliceerd: list[tuple[str, str]]
) -> None:
    """The cube's tables that only the national report and checks page of a quarter read,
    beyond those of `_kubus_vooraf`: every period nationally (the checks page compares them
    all, the report as published too), the years per region (chapter 3) and the quarter
    itself at every level (the checks page adds the levels up), all as one. Computed in
    this process after the workers have their work, so that they need not wait for it (the
    2025Q4 batch: the workers start ≈ 1,3 s sooner)."""
    from werkmonitor.indicators import kubus
    from werkmonitor.report import kwartaal

    if p.soort != "kwartaal":
        return
    peildatum = _notebookparams(params).get("peildatum")
    k = kubus.Kubus.van(kopie, peildatum)
    jaren = sorted({q[:4] for q in k.perioden})
    eerder = sorted(k.perioden) + [f"{j}H2" for j in jaren] + jaren
    al = kwartaal.perioden(p.code)
    k.vul_samen(
        [(c, ["landelijk"]) for c in eerder if c not in al]
        + [(j, ["regio"]) for j in jaren]
        + [(c, ["landelijk", "regio", "organisatie"]) for c in al]
        + [(p.code, ["organisatie_regio"])]
    )
    for dag, periode in gepubliceerd:  # the national tables as published
        kubus.Kubus.van(kopie, dag).vul_samen([(periode, ["landelijk"])])


def _forkserver_vooruit() -> None:
    """Start the forkserver the workers are forked from (`_pool`) now: it imports what they
    need (≈ 1,5 s) while this process does other work, instead of when the first worker
    is asked for."""
    import multiprocessing
    from multiprocessing import forkserver

    from werkmonitor.processen import VOORLADEN

    multiprocessing.get_context("forkserver").set_forkserver_preload(VOORLADEN)
    forkserver.ensure_running()


@contextmanager
def _pool(werkers: int) -> Iterator:
    """Processes to build reports in (forked from a fresh process: nothing of this
    process's state, such as an open database, is copied into them, but its environment
    and working folder are; none when `werkers` is 0). Leaving the block
    waits for them; an interruption cancels what has not started."""
    import multiprocessing
    import os
    from concurrent.futures import ProcessPoolExecutor

    if werkers < 1:
        yield None
        return
    from werkmonitor.processen import VOORLADEN, rapportwerker

    # forked from a fresh process that has imported the workers' modules once (the
    # forkserver, `processen.VOORLADEN`): nothing of this process is copied into them
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(VOORLADEN)
    pool = ProcessPoolExecutor(
        werkers,
        mp_context=context,
        initializer=rapportwerker,  # the workers end with the run, also when it is killed
        initargs=(os.getpid(), dict(os.environ), os.getcwd()),
    )
    try:
        yield pool
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def _eenheidmap(root: Path, p: Periode, soort: str, naam: str) -> Path:
    """The folder of a region's or organisation's quality report."""
    from werkmonitor.regions import slug

    return site.eenheid(root, p, soort, slug(naam))


def _eenheidparams(p: Periode, soort: str, naam: str, params: dict, kopie: Path) -> dict:
    """The notebook parameters of a region's or organisation's quality report."""
    return {
        "periode": p.code,
        "db": str(kopie),
        **_notebookparams(params),
        "regio": naam if soort == "regio" else None,
        "organisatie": naam if soort == "organisatie" else None,
    }


def _eenheid(
    p: Periode, soort, naam, namen, nb_params, db_pad, root, hashes, voet: site.Voet
) -> tuple[str, object]:
    """Execute and render one region's or organisation's quality report (in a process of
    the pool) with the notebook parameters `nb_params` (they name the snapshot of the store
    `db_pad` to read), its inputs' `hashes` going into the manifest: ('gebouwd', the
    report) or ('mislukt', the first line of the error)."""
    from werkmonitor.regions import slug

    try:
        map_ = _eenheidmap(root, p, soort, naam)
        vast = {**nb_params, "db": str(db_pad)}
        wat = "arbeidsmarktregio" if soort == "regio" else "organisatie"
        with rendering.heel_of_niet(map_, root) as bouw:
            uitgevoerd = [
                rendering.voer_uit(root / "notebooks" / n, bouw / n, nb_params, vast) for n in namen
            ]
            uitvoer = rendering.render(
                uitgevoerd,
                bouw,
                f"Kwaliteitsrapport {wat} {naam}",
                p.naam().capitalize(),
                f"werkmonitor_{p.code}_{slug(naam)}.pdf",
                titelpagina(lees_params(p, root, nb_params.get("peildatum"))),
                root=root,
                omlijsting=site.omlijsting(map_, root, voet),
            )
            _werkboek(uitvoer, f"Kwaliteitsrapport {wat} {naam}", voet.synthetisch)
            extra = {"database": str(db_pad), "voet": voet.__dict__}
            rendering.schrijf_manifest(bouw, uitvoer, vast, extra, hashes)
        return "gebouwd", rendering.verplaatst(uitvoer, bouw, map_)
    except Exception as exc:  # one report must never stop the batch
        return "mislukt", (str(exc).splitlines() or [type(exc).__name__])[0]


def _notebookparams(params: dict) -> dict:
    """The entries of a params file that are notebook parameters."""
    return {k: params[k] for k in ("peildatum", "aanleveren_tot") if params.get(k) is not None}
