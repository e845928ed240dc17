"""Command line: `werkmonitor demo|inlezen|organisaties|cijfers|rapport|…` (Dutch verbs and
messages)."""

from __future__ import annotations

import argparse
import difflib
import os
import re
import sys
from datetime import date
from pathlib import Path

from werkmonitor import __version__
from werkmonitor.periods import Periode, PeriodeFout
from werkmonitor.regions import ONBEKEND, officiele_naam, suggestie
from werkmonitor.vocab import METHODEN, NIVEAUS, TRAJECTEN, WACHT_STANDAARD

# The stages are imported inside the commands, so that `werkmonitor --help` and a wrong
# argument answer at once, without loading pandas, DuckDB or papermill.


def _uitvoerbestand(pad: str) -> Path:
    """An output file the command can write, checked before any work (ValueError in Dutch)."""
    uit = Path(pad)
    if uit.is_dir():
        raise ValueError(f"{uit} is een map; geef de naam van een bestand (--uitvoer).")
    if not uit.parent.is_dir():
        raise ValueError(f"de map {uit.parent} bestaat niet; maak die eerst aan.")
    if not os.access(uit.parent, os.W_OK):
        raise ValueError(f"in de map {uit.parent} mag niet worden geschreven.")
    return uit


def _meld(tekst: str) -> None:
    """Progress message on stderr (stdout stays free for data)."""
    print(tekst, file=sys.stderr, flush=True)


def cmd_inlezen(args) -> int:
    """Validate and load delivery files (or the files in folders); non-zero exit when one is
    rejected. A file that cannot be processed is refused and the others are still read."""
    from werkmonitor import store
    from werkmonitor.intake.parsed import samengevat
    from werkmonitor.intake.receive import bestanden_in, inlezen, vooruit_lezen

    if args.accepteer_sprong and not (args.reden or "").strip():
        raise ValueError("geef bij --accepteer-sprong ook --reden: wie bevestigde de sprong?")
    bestanden, overgeslagen = bestanden_in(args.bestanden, args.recursief)
    for f in overgeslagen:
        print(f"Overgeslagen: {f} (geen .xlsx of .csv)")
    if not bestanden:
        _meld("Geen .xlsx- of .csv-bestanden gevonden om in te lezen.")
        return 1
    afgewezen = 0
    periode = args.periode.code if args.periode else None
    with (
        vooruit_lezen(bestanden) as vooraf,
        store.open_store(args.db, wacht=args.wacht, meld=_meld) as con,
    ):
        for i, (pad, v) in enumerate(zip(bestanden, vooraf, strict=True), start=1):
            if len(bestanden) > 1:
                _meld(f"[{i}/{len(bestanden)}] {pad}")
            try:
                r = inlezen(
                    pad,
                    con,
                    organisatie=args.organisatie,
                    periode=periode,
                    vervang=args.vervang,
                    accepteer_sprong=args.accepteer_sprong,
                    reden=args.reden,
                    vooraf=v,
                )
            except Exception as exc:  # one file must never stop the batch
                afgewezen += 1
                print(f"Afgewezen: {pad.name}")
                print(f"  Fout [onverwerkbaar] bestand {pad.name}: {_eerste_regel(exc)}")
                continue
            if r.status == "geaccepteerd":
                print(f"Geaccepteerd: {r.bestand} (levering {r.levering_id})")
            elif r.status == "al_ingelezen":
                print(f"Al ingelezen, niets gewijzigd: {r.bestand} (levering {r.levering_id})")
            elif r.status == "zelfde_cijfers":
                print(f"Zelfde cijfers, niets gewijzigd: {r.bestand} (levering {r.levering_id})")
            else:
                afgewezen += 1
                print(f"Afgewezen: {r.bestand}")
            for m in samengevat(r.meldingen):
                print(f"  {m}")
            for f in r.foutrapport:
                print(f"  Foutrapport: {f}")
    if afgewezen:
        print(
            f"{afgewezen} van {len(bestanden)} bestanden afgewezen; "
            "niets van die bestanden is opgeslagen.",
            file=sys.stderr,
        )
        return 1
    return 0


def _datum(tekst: str) -> str:
    """A date on the command line (JJJJ-MM-DD), checked; argparse names a wrong one."""
    try:
        return date.fromisoformat(tekst.strip()).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{tekst}' is geen datum; schrijf bijvoorbeeld 2026-01-25"
        ) from None


def cmd_publiceer(args) -> int:
    """Publish the national report of a period: build it with the figures as known on the
    day, keep that build frozen in the site and record the publication in the store."""
    from werkmonitor.publish import publiceren

    root = _project(args.project)
    datum = date.fromisoformat(args.datum) if args.datum else date.today()
    uitvoer = publiceren.publiceer(args.periode, datum, db=args.db, root=root, meld=_meld)
    print(
        f"Gepubliceerd: {args.periode.naam()} met de cijfers van {datum:%d-%m-%Y}, "
        f"bevroren in {uitvoer.html.parent}"
    )
    _meld_site(root)
    return 0


def _eerste_regel(exc: Exception) -> str:
    """The first line of an error, with its kind when it says nothing itself."""
    tekst = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return tekst or f"onverwachte fout ({type(exc).__name__})"


def cmd_sjabloon(args) -> int:
    """Write a blank delivery template for an organisation and quarter.

    Trajects and regions default to those of the organisation's latest delivery in the store.
    """
    from werkmonitor import store
    from werkmonitor.intake.template import maak_sjabloon

    _uitvoerbestand(args.uitvoer)
    trajecten = args.trajecten.split(",") if args.trajecten else None
    regios = [r.strip() for r in args.regios.split(";")] if args.regios else None
    db = Path(args.db) if args.db else store.standaard_db()
    if (trajecten is None or regios is None) and db.exists():
        with store.open_store(db, alleen_lezen=True) as con:
            reg = store.registraties(con)
        eigen = reg[reg["organisatie"] == args.organisatie]
        if not eigen.empty:
            laatste = eigen[eigen["periode"] == eigen["periode"].max()]
            trajecten = trajecten or list(dict.fromkeys(laatste["traject"]))
            regios = regios or sorted(set(laatste["regio"]))
    onbekend = [r for r in regios or [] if officiele_naam(r) is None]
    if onbekend:
        _meld(f"Fout: onbekende arbeidsmarktregio: {', '.join(onbekend)}.")
        return 2
    p = args.periode
    maak_sjabloon(
        args.uitvoer,
        args.organisatie,
        p.code,
        trajecten or list(TRAJECTEN),
        [officiele_naam(r) for r in regios or []],
    )
    _meld(f"Sjabloon geschreven: {args.uitvoer}")
    return 0


def cmd_status(args) -> int:
    """Show who delivered for a quarter; non-zero when something is missing or rejected."""
    from werkmonitor import store
    from werkmonitor.intake import status
    from werkmonitor.intake.archive import archiefmap

    with store.open_store(args.db, alleen_lezen=True, wacht=args.wacht, meld=_meld) as con:
        s = status.leverstatus(con, args.periode, archiefmap(con))
    print(status.als_tekst(s))
    if not s.compleet:
        _meld(
            f"{args.periode.naam().capitalize()} is niet compleet: {len(s.ontbreekt)} "
            f"ontbreken, {len(s.afgewezen)} afgewezen."
        )
        return 1
    return 0


def cmd_cijfers(args) -> int:
    """Write the indicator table of a period and level as CSV, or as an Excel workbook when
    the output file ends in .xlsx."""
    from werkmonitor import store
    from werkmonitor.indicators.kubus import Kubus
    from werkmonitor.indicators.table import indicatoren, voor_export
    from werkmonitor.publish import export

    if args.uitvoer:
        _uitvoerbestand(args.uitvoer)
    p = args.periode
    nodig = sorted(
        {
            q.code
            for x in (p, p.vorige(), p.jaar_eerder())
            for y in (x, x.vorige())
            for q in y.kwartalen()
        }
    )
    with store.open_store(args.db, alleen_lezen=True, wacht=args.wacht, meld=_meld) as con:
        synthetisch = store.lees_info(con, "synthetisch") == "ja"
        if args.methode != "gepubliceerd":  # the other methods of Bijlage 3 are not kept
            reg = store.registraties(con, perioden=nodig, peildatum=args.peildatum)
    if args.methode == "gepubliceerd":  # read from the cube of this state of the store
        ruw = Kubus.van(args.db, args.peildatum).indicatoren(p.code, args.niveau)
    else:
        ruw = indicatoren(reg, p.code, args.niveau, args.methode)
    excel = bool(args.uitvoer) and Path(args.uitvoer).suffix.lower() == ".xlsx"
    tabel = ruw.copy() if excel else voor_export(ruw)
    if tabel.empty:
        _meld(f"Geen aanleveringen gevonden voor {p.naam()}.")
        return 1
    # every export says where its numbers come from; demo data visibly so
    tabel["gegevens"] = "synthetisch (demodata)" if synthetisch else "aanleveringen"
    if synthetisch:
        _meld("Let op: deze database bevat synthetische demodata, geen echte aanleveringen.")
    if excel:
        titel = f"Kengetallen werkmonitor Hoofdzaak Werk, {p.naam()}, niveau {args.niveau}"
        export.schrijf_excel(tabel, Path(args.uitvoer), titel, synthetisch)
        _meld(f"{len(tabel)} regels geschreven naar {args.uitvoer} (Excel)")
    elif args.uitvoer:
        export.schrijf_csv(tabel, Path(args.uitvoer), nl=args.nl)
        _meld(f"{len(tabel)} regels geschreven naar {args.uitvoer}")
    else:
        try:
            if args.nl:
                export.met_komma(tabel).to_csv(sys.stdout, index=False, sep=";")
            else:
                tabel.to_csv(sys.stdout, index=False)
        except BrokenPipeError:  # e.g. `werkmonitor cijfers ... | head`: the reader stopped
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def eenheden_in(periode: Periode, db) -> tuple[list[str], list[str]]:
    """The regions and organisations with deliveries in force for a period."""
    from werkmonitor import store

    with store.open_store(db, alleen_lezen=True) as con:
        reg = store.registraties(con, perioden=[q.code for q in periode.kwartalen()])
    # registrations without a known region are no region: no quality report of their own
    return sorted(set(reg["regio"]) - {ONBEKEND}), sorted(set(reg["organisatie"]))


def _zonder_aanleveringen(periode: Periode, db, peildatum: str | None = None) -> str | None:
    """A Dutch sentence when the store has no deliveries for `periode` (as of `peildatum`;
    None when it has), naming the periods it does have: checked before any notebook starts."""
    from werkmonitor import store

    with store.open_store(db, alleen_lezen=True, meld=_meld) as con:
        aanwezig = sorted(set(store.geldige_leveringen(con, peildatum)["periode"]))
    if set(aanwezig) & {q.code for q in periode.kwartalen()}:
        return None
    if not aanwezig and peildatum:
        return f"Op {peildatum} bevatte de database nog geen aanleveringen."
    if not aanwezig:
        return "De database bevat nog geen aanleveringen; lees eerst aanleveringen in."
    eerste, laatste = (Periode.lees(aanwezig[0]).naam(), Periode.lees(aanwezig[-1]).naam())
    wanneer = f"Op {peildatum} bevatte de database" if peildatum else "De database bevat"
    return (
        f"{wanneer} geen aanleveringen over {periode.naam()}; "
        f"wel over {eerste} tot en met {laatste}."
    )


def cmd_rapport(args) -> int:
    """Execute and render the national report of a period, its checks page and the dashboard;
    with --regio/--organisatie (or --alle-…) only those quality reports; with --alles all of
    them. Reports whose inputs are unchanged are skipped unless --opnieuw."""
    from werkmonitor.publish import batch

    root = _project(args.project)
    batch.lees_params(args.periode, root)  # a broken params file is named before any work
    ontbreekt = _zonder_aanleveringen(args.periode, args.db, args.peildatum)
    if ontbreekt:
        _meld(ontbreekt)
        return 2
    regios, organisaties = list(args.regio), list(args.organisatie)
    alle_regios = args.alle_regios or args.alles
    alle_organisaties = args.alle_organisaties or args.alles
    if alle_regios or alle_organisaties:
        alle_r, alle_o = eenheden_in(args.periode, args.db)
        regios = alle_r if alle_regios else regios
        organisaties = alle_o if alle_organisaties else organisaties
    if regios or organisaties:
        onbekend = [r for r in regios if officiele_naam(r) is None]
        if onbekend:
            hint = suggestie(onbekend[0])
            _meld(
                f"Onbekende arbeidsmarktregio: {', '.join(onbekend)}."
                + (f" Bedoelt u {hint}?" if hint else "")
            )
            return 2
        regios = [officiele_naam(r) for r in regios]
        if ONBEKEND in regios:
            _meld(
                f"Voor '{ONBEKEND}' bestaat geen kwaliteitsrapport: het zijn cliënten zonder "
                "bekende arbeidsmarktregio. Ze tellen mee in het landelijke rapport en in de "
                "rapporten van hun organisaties."
            )
            return 2
        _r, bekend = eenheden_in(args.periode, args.db)
        onbekend = [o for o in organisaties if o not in bekend]
        if onbekend:
            bedoeld = difflib.get_close_matches(onbekend[0], bekend, n=3, cutoff=0.6)
            hint = f" Bedoelt u: {', '.join(bedoeld)}?" if bedoeld else ""
            _meld(
                f"Geen gegevens over {args.periode.naam()} van organisatie "
                f"{', '.join(onbekend)}.{hint}"
            )
            return 2
    fouten = []
    db = str(Path(args.db).resolve()) if args.db else None  # notebooks change the folder

    def landelijk() -> None:
        """The national report, its checks page and the dashboard."""
        for bouw in (batch.rapport_landelijk, batch.rapport_controle):
            try:
                bouw(
                    args.periode,
                    db=db,
                    projectmap=root,
                    meld=_meld,
                    opnieuw=args.opnieuw,
                    peildatum=args.peildatum,
                )
            except (batch.rendering.NotebookFout, RuntimeError) as exc:  # a cell, Typst, Quarto
                fouten.append(f"{bouw.__name__.removeprefix('rapport_')}: {_eerste_regel(exc)}")
        try:
            batch.rapport_dashboard(db=db, projectmap=root, meld=_meld, opnieuw=args.opnieuw)
        except (batch.rendering.NotebookFout, RuntimeError) as exc:
            fouten.append(f"dashboard: {_eerste_regel(exc)}")

    nationaal = not (regios or organisaties) or args.alles
    if regios or organisaties:
        try:
            batch.rapporten_eenheden(
                args.periode,
                regios,
                organisaties,
                db,
                root,
                _meld,
                opnieuw=args.opnieuw,
                peildatum=args.peildatum,
                # built here while the processes start on the quality reports
                daarnaast=_en_de_site(landelijk, root) if nationaal else None,
            )
        except batch.BatchFout as exc:
            fouten += [f"{naam}: {fout}" for naam, fout in exc.mislukt]
    elif nationaal:
        landelijk()
    _meld_site(root)
    if fouten:
        _meld(f"Mislukt ({len(fouten)}); de andere rapporten zijn gemaakt:")
        for f in fouten:
            _meld(f"  {f}")
        return 1
    return 0


def _project(map_: str | None) -> Path:
    """The project folder to build reports in (`--project`, else found from the working
    folder), checked before any work: it has notebooks and a writable reports folder."""
    from werkmonitor import store

    root = Path(map_).resolve() if map_ else store.projectmap()
    if not (root / "notebooks").is_dir() or not (root / "_quarto.yml").is_file():
        raise ValueError(
            f"geen werkmonitorproject in {root} (een map met _quarto.yml en notebooks/); "
            "draai de opdracht in de projectmap of geef --project MAP."
        )
    uit = root / "reports"
    try:
        uit.mkdir(exist_ok=True)
    except OSError:
        pass
    if not uit.is_dir() or not os.access(uit, os.W_OK):
        raise ValueError(f"in {uit} kunnen geen rapporten worden geschreven (geen schrijfrecht).")
    for boom in (uit / "site", uit / "intern"):  # the public site and the internal tree
        if boom.exists() and not boom.is_dir():
            raise ValueError(
                f"{boom} is een bestand, maar hoort een map te zijn (de site of de interne "
                "pagina's); verplaats of verwijder het bestand."
            )
    return root


def cmd_herbouw(args) -> int:
    """Rebuild the store from the archive and its journal; the old store is kept beside it."""
    from werkmonitor import store
    from werkmonitor.intake.herbouw import HerbouwFout, herbouw

    db = Path(args.db) if args.db else store.standaard_db()
    try:
        h = herbouw(db, meld=_meld, wacht=args.wacht)
    except HerbouwFout as exc:
        _meld(f"Fout: {exc}")
        return 2
    bewaard = f"; de vorige database staat in {h.vorige}" if h.vorige else ""
    print(f"Herbouwd: {h.db} uit {h.leveringen} geaccepteerde leveringen in het archief{bewaard}.")
    for a in h.afwijkend:
        print(f"  Toen geaccepteerd, nu afgewezen (behouden): {a}")
    return 0


def cmd_reservekopie(args) -> int:
    """Copy store, archive and journal to a folder and verify every copied file."""
    from werkmonitor import store
    from werkmonitor.intake.herbouw import HerbouwFout, reservekopie

    db = Path(args.db) if args.db else store.standaard_db()
    try:
        r = reservekopie(db, args.map, meld=_meld)
    except HerbouwFout as exc:
        _meld(f"Fout: {exc}")
        return 2
    for f in r.fouten:
        print(f"  Fout: {f}")
    if r.fouten:
        print(f"Reservekopie in {r.map_} gemaakt, maar {len(r.fouten)} bestand(en) kloppen niet.")
        return 1
    print(f"Reservekopie in {r.map_}: de database en {r.bestanden} bestanden, alle gecontroleerd.")
    return 0


def cmd_organisaties(args) -> int:
    """List the registry of participating organisations, or make one change to it (written
    to the journal)."""
    from werkmonitor import register, store
    from werkmonitor.intake import deelname

    regel = None
    if args.toevoegen:
        regel = {"actie": "toevoegen", "naam": args.toevoegen, "vanaf": args.vanaf, "tot": args.tot}
    elif args.alias:
        if not args.voor:
            raise ValueError("geef bij --alias ook --voor NAAM: de organisatie waarvoor hij staat.")
        regel = {"actie": "alias", "alias": args.alias, "naam": args.voor}
    elif args.beeindigen:
        if not args.tot:
            raise ValueError("geef bij --beeindigen ook --tot KWARTAAL: het laatste kwartaal.")
        regel = {"actie": "beeindigen", "naam": args.beeindigen, "tot": args.tot}
    elif args.hernoemen:
        regel = {"actie": "hernoemen", "naam": args.hernoemen[0], "nieuw": args.hernoemen[1]}
    elif args.vanaf or args.tot or args.voor:
        raise ValueError("--vanaf, --tot en --voor horen bij --toevoegen, --beeindigen of --alias.")
    if regel is None:
        with store.open_store(args.db, alleen_lezen=True, wacht=args.wacht, meld=_meld) as con:
            print(deelname.als_tekst(register.lees_register(con)))
        return 0
    with store.open_store(args.db, wacht=args.wacht, meld=_meld) as con:
        try:
            print(deelname.wijzig(con, regel, args.reden))
        except register.RegisterFout as exc:
            _meld(f"Fout: {exc}")
            return 2
    return 0


def cmd_demo(args) -> int:
    """Write synthetic deliveries, read them in through the intake, build the report."""
    from werkmonitor import store
    from werkmonitor.demo import aanleveringen
    from werkmonitor.publish import batch

    root = store.projectmap()
    db = (Path(args.db) if args.db else store.standaard_db()).resolve()
    if db.exists():
        with store.open_store(db, alleen_lezen=True) as con:
            if store.lees_info(con, "synthetisch") != "ja":
                _meld(
                    f"{db} bevat geen demogegevens; de demo overschrijft die database niet. "
                    "Kies een andere database met --db."
                )
                return 2
        db.unlink()
    aanleveringen.bouw_demo_store(db, root / "data" / "aanleveringen" / "demo", meld=_meld)
    if not args.geen_rapport:
        from werkmonitor.publish import publiceren

        # published before the demo's correction and late delivery arrived: the reports
        # built next show what they revised
        for code, dag in aanleveringen.publicatiedagen():
            _meld(f"Publiceren: {Periode.lees(code).naam()} met de cijfers van {dag:%d-%m-%Y}")
            publiceren.publiceer(Periode.lees(code), dag, db=db, root=root, meld=_meld)

        def landelijk() -> None:
            """The national reports of the last quarter and year, their checks pages and
            the dashboard."""
            for periode in map(Periode.lees, (aanleveringen.LAATSTE, aanleveringen.LAATSTE_JAAR)):
                batch.rapport_landelijk(periode, db=db, projectmap=root, meld=_meld)
                batch.rapport_controle(periode, db=db, projectmap=root, meld=_meld)
            batch.rapport_dashboard(db, root, _meld)

        laatste = Periode.lees(aanleveringen.LAATSTE)
        regios, organisaties = eenheden_in(laatste, db)
        # built here while the processes start on the quality reports
        batch.rapporten_eenheden(
            laatste, regios, organisaties, db, root, _meld, daarnaast=_en_de_site(landelijk, root)
        )
        _meld_site(root)
    return 0


def _en_de_site(landelijk, root: Path):
    """`landelijk`, then the site's pages (`site.bouw_indexen`): built while the worker
    processes make the quality reports, so that at the end only the internal index pages,
    which list those, are written again (≈ 1 s of pandoc on one core for a new site)."""
    from werkmonitor.publish import site

    def beide() -> None:
        landelijk()
        site.bouw_indexen(root)

    return beide


def _meld_site(root: Path) -> None:
    """Rewrite the site's index pages and say where the landing page and the internal
    pages are."""
    from werkmonitor.publish import site

    index = site.bouw_indexen(root)
    _meld(f"De site: {index}")
    if (site.internmap(root) / "index.html").exists():
        _meld(f"Interne pagina's (niet publiceren): {site.internmap(root) / 'index.html'}")


_KOPPEN = {
    "usage: ": "gebruik: ",
    "positional arguments:": "argumenten:",
    "options:": "opties:",
    "show this help message and exit": "deze hulp tonen en stoppen",
}
_FOUTEN = [
    (r"the following arguments are required: (.*)", r"deze argumenten ontbreken: \1"),
    (
        r"argument (.*): invalid choice: (.*) \(choose from (.*)\)",
        r"argument \1: onbekende keuze \2 (kies uit \3)",
    ),
    (r"unrecognized arguments: (.*)", r"onbekende argumenten: \1"),
    (r"argument (.*): expected one argument", r"argument \1: hier hoort een waarde bij"),
    (r"argument (.*): expected (\d+) arguments", r"argument \1: hier horen \2 waarden bij"),
    (
        r"argument (.*): expected at least one argument",
        r"argument \1: hier hoort ten minste één waarde bij",
    ),
    (r"argument (.*): invalid \w+ value: (.*)", r"argument \1: ongeldige waarde \2"),
    (r"argument (.*): ignored explicit argument (.*)", r"argument \1: zonder waarde, niet \2"),
    (r"ambiguous option: (.*) could match (.*)", r"optie \1 is niet eenduidig: \2"),
]


def _nl(tekst: str) -> str:
    """argparse's own headings in Dutch."""
    for en, nl in _KOPPEN.items():
        tekst = tekst.replace(en, nl)
    return tekst


class NederlandseParser(argparse.ArgumentParser):
    """argparse with Dutch usage, headings and error messages (exit code 2 on an error)."""

    def format_usage(self) -> str:
        """The usage line in Dutch."""
        return _nl(super().format_usage())

    def format_help(self) -> str:
        """The help text in Dutch."""
        return _nl(super().format_help())

    def error(self, message: str):
        """Usage and one Dutch line on stderr, then exit code 2."""
        for patroon, vervanging in _FOUTEN:
            if re.fullmatch(patroon, message):
                message = re.sub(patroon, vervanging, message)
                break
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: fout: {message}\n")


def parser() -> argparse.ArgumentParser:
    """The argument parser with all sub-commands."""
    gedeeld = NederlandseParser(add_help=False)
    gedeeld.add_argument(
        "--db",
        help="pad naar de DuckDB-database (standaard: $WERKMONITOR_DB of data/werkmonitor.duckdb)",
    )
    gedeeld.add_argument(
        "--wacht",
        type=float,
        default=WACHT_STANDAARD,
        metavar="SECONDEN",
        help="zo lang wachten als een ander proces de database gebruikt (standaard: "
        f"{WACHT_STANDAARD:g})",
    )
    p = NederlandseParser(
        prog="werkmonitor",
        description="Landelijke werkmonitor Hoofdzaak Werk",
        epilog="Afsluitcodes: 0 klaar; 1 een aanlevering afgewezen, een rapport mislukt of een "
        "onverwachte fout; 2 een fout in de opdracht of een onbruikbare database.",
    )
    p.add_argument(
        "--version", action="version", version=f"%(prog)s {__version__}", help="versie tonen"
    )
    p.add_argument(
        "--debug", action="store_true", help="bij een fout de volledige foutmelding tonen"
    )
    sub = p.add_subparsers(dest="opdracht", required=True, metavar="opdracht")

    s = sub.add_parser("demo", parents=[gedeeld], help="demogegevens maken en rapporten bouwen")
    s.add_argument("--geen-rapport", action="store_true", help="alleen de gegevens, geen rapport")
    s.set_defaults(func=cmd_demo)

    s = sub.add_parser("inlezen", parents=[gedeeld], help="aanleveringen controleren en inlezen")
    s.add_argument("bestanden", nargs="+", metavar="BESTAND", help="bestanden of mappen")
    s.add_argument(
        "--recursief", action="store_true", help="in een map ook de submappen doorzoeken"
    )
    s.add_argument(
        "--vervang",
        action="store_true",
        help="een bestand opnieuw laten gelden, ook als het een oudere levering is of dezelfde "
        "cijfers heeft als de levering die nu geldt",
    )
    s.add_argument(
        "--accepteer-sprong",
        action="store_true",
        help="een cel die meer dan 10 keer zo groot of klein is als in het vorige kwartaal "
        "toch opslaan, als de organisatie dat bevestigde (met --reden)",
    )
    s.add_argument("--reden", help="waarom --vervang of --accepteer-sprong, voor het journaal")
    s.add_argument("--organisatie", help="controleer dat elk bestand van deze organisatie is")
    s.add_argument("--periode", help="controleer dat elk bestand over dit kwartaal gaat")
    s.set_defaults(func=cmd_inlezen)

    s = sub.add_parser(
        "herbouw", parents=[gedeeld], help="de database opnieuw opbouwen uit het archief"
    )
    s.set_defaults(func=cmd_herbouw)

    s = sub.add_parser(
        "reservekopie", parents=[gedeeld], help="database, archief en journaal kopiëren"
    )
    s.add_argument("map", metavar="MAP", help="een nieuwe of lege map voor de kopie")
    s.set_defaults(func=cmd_reservekopie)

    s = sub.add_parser(
        "organisaties",
        parents=[gedeeld],
        help="het register van deelnemende organisaties tonen of wijzigen",
        description="Zonder opties: het register tonen. Elke wijziging komt in het journaal.",
    )
    wijziging = s.add_mutually_exclusive_group()
    wijziging.add_argument("--toevoegen", metavar="NAAM", help="een deelnemer toevoegen")
    wijziging.add_argument(
        "--alias", metavar="ALIAS", help="een andere schrijfwijze of oude naam (met --voor NAAM)"
    )
    wijziging.add_argument(
        "--beeindigen", metavar="NAAM", help="de deelname beëindigen na --tot KWARTAAL"
    )
    wijziging.add_argument(
        "--hernoemen",
        nargs=2,
        metavar=("OUD", "NIEUW"),
        help="een nieuwe officiële naam; de oude wordt een alias",
    )
    s.add_argument("--voor", metavar="NAAM", help="bij --alias: de organisatie")
    s.add_argument("--vanaf", metavar="KWARTAAL", help="eerste kwartaal (standaard 2023Q1)")
    s.add_argument("--tot", metavar="KWARTAAL", help="laatste kwartaal van deelname")
    s.add_argument("--reden", help="waarom, voor het journaal")
    s.set_defaults(func=cmd_organisaties)

    s = sub.add_parser("sjabloon", parents=[gedeeld], help="leeg aanleversjabloon maken")
    s.add_argument("--organisatie", required=True)
    s.add_argument("--periode", required=True, help="bijvoorbeeld 2026Q1")
    s.add_argument("--uitvoer", required=True, help="het .xlsx-bestand")
    s.add_argument("--trajecten", help="codes, komma-gescheiden (standaard: als vorige levering)")
    s.add_argument("--regios", help="regio's, gescheiden door ; (standaard: als vorige levering)")
    s.set_defaults(func=cmd_sjabloon)

    s = sub.add_parser("status", parents=[gedeeld], help="wie heeft aangeleverd")
    s.add_argument("--periode", required=True)
    s.set_defaults(func=cmd_status)

    s = sub.add_parser("cijfers", parents=[gedeeld], help="kengetallen als CSV of Excel")
    s.add_argument("--periode", required=True, help="bijvoorbeeld 2025Q4")
    s.add_argument("--niveau", default="landelijk", choices=list(NIVEAUS))
    s.add_argument(
        "--methode",
        default="gepubliceerd",
        choices=list(METHODEN),
        help="lopend en betaald werk over een half jaar of jaar (Bijlage 3, punt 3 en 4)",
    )
    s.add_argument(
        "--uitvoer",
        help="bestand: .xlsx wordt een Excel-werkboek, anders CSV (standaard: het scherm)",
    )
    s.add_argument(
        "--nl",
        action="store_true",
        help="CSV voor Nederlandse Excel: puntkomma's en decimale komma's",
    )
    s.add_argument("--peildatum", help="cijfers zoals ze op deze datum bekend waren (JJJJ-MM-DD)")
    s.set_defaults(func=cmd_cijfers)

    s = sub.add_parser("rapport", parents=[gedeeld], help="rapport uitvoeren en opmaken")
    s.add_argument("--project", metavar="MAP", help="de projectmap (standaard: gezocht vanaf hier)")
    s.add_argument("--periode", required=True, help="bijvoorbeeld 2025Q4")
    s.add_argument("--regio", nargs="+", default=[], help="kwaliteitsrapport van deze regio's")
    s.add_argument("--alle-regios", action="store_true", help="kwaliteitsrapport per regio")
    s.add_argument("--organisatie", nargs="+", default=[], help="kwaliteitsrapport per organisatie")
    s.add_argument(
        "--alle-organisaties", action="store_true", help="kwaliteitsrapport per organisatie"
    )
    s.add_argument(
        "--alles",
        action="store_true",
        help="het landelijke rapport, de controles, het dashboard en alle kwaliteitsrapporten",
    )
    s.add_argument(
        "--opnieuw",
        action="store_true",
        help="ook rapporten opnieuw maken waarvan niets veranderd is",
    )
    s.add_argument(
        "--peildatum",
        type=_datum,
        help="cijfers zoals ze op deze datum bekend waren (JJJJ-MM-DD): een gepubliceerde "
        "uitgave opnieuw maken",
    )
    s.set_defaults(func=cmd_rapport)

    s = sub.add_parser(
        "publiceer",
        parents=[gedeeld],
        help="het landelijke rapport van een periode publiceren: vastleggen en bevriezen",
    )
    s.add_argument("--project", metavar="MAP", help="de projectmap (standaard: gezocht vanaf hier)")
    s.add_argument("--periode", required=True, help="bijvoorbeeld 2025Q4")
    s.add_argument(
        "--datum",
        type=_datum,
        help="publiceren met de cijfers zoals ze op deze dag bekend waren (JJJJ-MM-DD; "
        "standaard: de dag van de laatste aanlevering in de database)",
    )
    s.set_defaults(func=cmd_publiceer)
    return p


def een_blas_draad() -> None:
    """Linear algebra (OpenBLAS, under numpy) on one thread in this process and those it
    starts, unless the user chose otherwise (`OPENBLAS_NUM_THREADS`); before numpy is
    imported, when OpenBLAS reads it. The privacy audit takes thousands of small SVDs
    (`privacy._afleidbaar`): OpenBLAS's threads then mostly wait for work, spinning, which
    cost the cube 1,1 of its 4,8 CPU-seconds for the same 3,7 s, and took that from the
    processes building reports beside it. The demo's calibration is as fast (22,7 and 22,2
    s)."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `werkmonitor` command.

    Exit codes: 0 done; 1 a delivery refused, a report failed or an unexpected error;
    2 a wrong command line or an unusable store (with one or two Dutch lines, never a
    traceback unless --debug is given)."""
    een_blas_draad()
    args = parser().parse_args(argv)
    from werkmonitor.indicators.table import IndicatorFout
    from werkmonitor.store import StoreFout

    try:
        if getattr(args, "periode", None) is not None:
            args.periode = Periode.lees(args.periode)  # parsed once, here at the edge
        return args.func(args)
    except (PeriodeFout, IndicatorFout, StoreFout, ValueError) as exc:
        if args.debug:
            raise
        _meld(f"Fout: {exc}")
        return 2
    except KeyboardInterrupt:
        _meld("Afgebroken.")
        return 130
    except Exception as exc:
        if args.debug:
            raise
        _meld(f"Onverwachte fout ({type(exc).__name__}): {_eerste_regel(exc)}")
        _meld("Draai de opdracht opnieuw met --debug voor de volledige foutmelding.")
        return 1


if __name__ == "__main__":
    sys.exit(main())
