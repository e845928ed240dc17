"""The published site and the internal tree beside it.

Two trees, so that publishing one folder can never expose the other:

- `reports/site/`: the public site, national figures only: a landing page (`index.html`), the
  national report of each period (`<periode>/`), the IPS dashboard (`dashboard/`), the methods
  (`methoden/`) and the delivery manual (`aanleveren/`);
- `reports/intern/`: per period the checks page (`<periode>/controle/`) and the quality
  reports of regions and organisations (`<periode>/regio/<slug>/`,
  `<periode>/organisatie/<slug>/`), with an index page per period.

Every page links relatively (the folders work offline from disk and from any static web
server) and carries the same navigation bar and a footer with the package version, the
publication date from the params file (never the clock), the store's fingerprint and the
data status.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from werkmonitor import __version__
from werkmonitor.periods import Periode

SITE = "site"
INTERN = "intern"

# the public navigation when _quarto.yml names none (`navigatie_van`): (label, target
# relative to the site's root)
NAVIGATIE = [
    ("Home", "index.html"),
    ("Kwartaalrapporten", "index.html#kwartaalrapporten"),
    ("Jaarrapporten", "index.html#jaarrapporten"),
    ("Dashboard", "dashboard/index.html"),
    ("Methoden", "methoden/index.html"),
]
# pages of the site made from the project's docs: (folder, source, title)
DOCPAGINAS = [
    ("methoden", "methoden.md", "Methoden en definities"),
    ("aanleveren", "aanleveren.md", "Handleiding voor het aanleveren"),
]


def sitemap(root: Path) -> Path:
    """The public site's folder."""
    return root / "reports" / SITE


def internmap(root: Path) -> Path:
    """The internal tree's folder."""
    return root / "reports" / INTERN


def landelijk(root: Path, p: Periode) -> Path:
    """The folder of a period's national report (public)."""
    return sitemap(root) / p.code


def gepubliceerd(root: Path, p: Periode, datum: date) -> Path:
    """The folder of a frozen published version of a period's national report: beside the
    current one and as deep, so that its relative links work unchanged (2025Q4_2026-01-25)."""
    return sitemap(root) / f"{p.code}_{datum.isoformat()}"


def dashboard(root: Path) -> Path:
    """The folder of the IPS dashboard (public)."""
    return sitemap(root) / "dashboard"


def controle(root: Path, p: Periode) -> Path:
    """The folder of a period's checks page (internal)."""
    return internmap(root) / p.code / "controle"


def eenheid(root: Path, p: Periode, soort: str, slug: str) -> Path:
    """The folder of a region's or organisation's quality report (internal)."""
    return internmap(root) / p.code / soort / slug


@dataclass(frozen=True)
class Voet:
    """What the footer of a page says."""

    datum: str | None  # publication date from the params file
    vingerafdruk: str  # of the store's registrations in force
    synthetisch: bool

    def html(self) -> str:
        """The footer as HTML."""
        datum = html.escape(self.datum) if self.datum else "niet opgegeven"
        status = (
            "synthetisch (demonstratiegegevens, geen echte cliënten)"
            if self.synthetisch
            else "aanleveringen van de organisaties"
        )
        return (
            '<footer class="voet">\n'
            f"<p>werkmonitor {html.escape(__version__)} · publicatiedatum: {datum} · "
            f"databasetoestand <code>{html.escape(self.vingerafdruk[:12])}</code> · "
            f"gegevens: {status}</p>\n</footer>\n"
        )


def _terug(map_: Path, boom: Path) -> str:
    """The relative prefix from a page in `map_` to the root of its tree `boom`."""
    diepte = len(map_.resolve().relative_to(boom.resolve()).parts)
    return "../" * diepte


def navigatie_van(root: Path | None) -> list[tuple[str, str]]:
    """The entries of the site's navigation bar: `website.navbar.left` of the project's
    `_quarto.yml` (the file Quarto reads: both renderers show the same bar), or NAVIGATIE."""
    import yaml

    try:
        inhoud = yaml.safe_load(((root or Path(".")) / "_quarto.yml").read_text("utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return list(NAVIGATIE)
    links = ((inhoud.get("website") or {}).get("navbar") or {}).get("left") or []
    uit = [(str(x["text"]), str(x["href"])) for x in links if isinstance(x, dict) and "href" in x]
    return uit or list(NAVIGATIE)


def navigatie(map_: Path, root: Path) -> str:
    """The navigation bar of a page in `map_`: the public site's entries; on an internal
    page also the internal index (the public site never links into the internal tree)."""
    site, intern = sitemap(root).resolve(), internmap(root).resolve()
    map_ = map_.resolve()
    if map_.is_relative_to(intern):
        naar_intern = _terug(map_, intern)
        naar_site = naar_intern + "../" + SITE + "/"
        extra = [("Intern overzicht", naar_intern + "index.html")]
    else:
        naar_site = _terug(map_, site)
        extra = []
    items = [(label, naar_site + doel) for label, doel in navigatie_van(root)] + extra
    links = "\n".join(f'<li><a href="{html.escape(d)}">{html.escape(t)}</a></li>' for t, d in items)
    return (
        '<nav class="site" aria-label="Navigatie van de werkmonitor">\n'
        f"<ul>\n{links}\n</ul>\n</nav>\n"
    )


def omlijsting(map_: Path, root: Path, voet: Voet) -> tuple[str, str]:
    """What comes before and after a page's own content: the navigation bar and the
    opening of `<main>`, then the closing of `<main>` and the footer."""
    return navigatie(map_, root) + "<main>\n", "</main>\n" + voet.html()


def _manifest(map_: Path) -> dict | None:
    """A built report's manifest, or None."""
    try:
        return json.loads((map_ / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def gebouwde_perioden(root: Path) -> list[tuple[Periode, dict]]:
    """The periods whose national report is in the site, newest first, with manifests: the
    current build, or else the newest published version."""
    huidig, versies = _rapportmappen(root)
    uit = [(p, m) for p, (_map, m) in huidig.items()]
    uit += [(p, v[0][2]) for p, v in versies.items() if p not in huidig]
    return sorted(uit, key=lambda x: x[0], reverse=True)


def _rapportmappen(root: Path) -> tuple[dict, dict]:
    """The site's national reports: {period: (folder, manifest)} of the current builds and
    {period: [(day, folder, manifest), ...]} of the published versions, newest first."""
    huidig, versies = {}, {}
    for map_ in sitemap(root).iterdir() if sitemap(root).is_dir() else []:
        code, _streep, dag = map_.name.partition("_")
        try:
            p = Periode.lees(code)
            datum = date.fromisoformat(dag) if dag else None
        except ValueError:
            continue
        manifest = _manifest(map_)
        if manifest is None or p.code != code:
            continue
        if datum is None:
            huidig[p] = (map_, manifest)
        else:
            versies.setdefault(p, []).append((datum, map_, manifest))
    return huidig, {p: sorted(v, key=lambda x: x[0], reverse=True) for p, v in versies.items()}


def gepubliceerde_versies(root: Path, p: Periode) -> list[tuple[date, Path]]:
    """The published versions of a period's national report in the site, newest first."""
    return [(d, m) for d, m, _man in _rapportmappen(root)[1].get(p, [])]


def _link(tekst: str, doel: str) -> str:
    """A Markdown link (the text's brackets escaped)."""
    return f"[{tekst.replace('[', '(').replace(']', ')')}]({doel})"


def _rapportregel(p: Periode, manifest: dict, waar: str = "", root: Path | None = None) -> str:
    """One line of the landing page: the report of a period with its PDF and workbook, and
    its published versions with their dates (the current build first)."""
    versies = gepubliceerde_versies(root, p) if root is not None else []
    huidig = root is None or landelijk(root, p).joinpath("manifest.json").exists()
    map_ = p.code if huidig else versies[0][1].name
    u = manifest.get("uitvoer", {})
    soort = "Kwartaalrapport" if p.soort == "kwartaal" else "Jaarrapport"
    pagina = f"{waar}{map_}/" + u.get("html", "index.html")
    regel = "- " + _link(f"{soort} {p.naam()}", pagina)
    extra = [_link("PDF", f"{waar}{map_}/" + u["pdf"])] if u.get("pdf") else []
    werkboeken = [n for n in manifest.get("bestanden", {}) if n.endswith("_cijfers.xlsx")]
    extra += [_link("cijfers in Excel", f"{waar}{map_}/{n}") for n in werkboeken]
    regel += f" ({', '.join(extra)})" if extra else ""
    eerder = [v for v in versies if huidig or v[1].name != map_]
    if not huidig:
        regel += f", gepubliceerd op {_datum(versies[0][0])}"
    if eerder:
        links = [_link(_datum(d), f"{waar}{m.name}/index.html") for d, m in eerder]
        regel += "; eerder gepubliceerd: " + ", ".join(links)
    return regel


def _datum(d: date) -> str:
    """'25 januari 2026' (babel, Dutch)."""
    from babel.dates import format_date

    return format_date(d, "d MMMM y", locale="nl_NL")


def voet_van(manifest: dict | None) -> Voet:
    """The footer recorded in a report's manifest (an empty one without)."""
    v = (manifest or {}).get("voet") or {}
    return Voet(v.get("datum"), v.get("vingerafdruk", ""), bool(v.get("synthetisch", False)))


def landingspagina(root: Path) -> str:
    """The landing page's text (Markdown): the latest quarterly and annual report up front,
    then every period built (newest first), the dashboard, the methods and the manual."""
    perioden = gebouwde_perioden(root)
    kwartalen = [(p, m) for p, m in perioden if p.soort == "kwartaal"]
    jaren = [(p, m) for p, m in perioden if p.soort != "kwartaal"]
    regels = [
        "De werkmonitor Hoofdzaak Werk volgt cliënten van ggz-organisaties in trajecten naar "
        "werk: IPS, WABZ, jobcoaching, UWV Werkfit, UWV Naar Werk en overige trajecten. Elk "
        "kwartaal leveren de organisaties aantallen aan per arbeidsmarktregio; deze site toont "
        "de landelijke uitkomsten.",
        "",
        "## Nieuwste rapporten",
        "",
    ]
    if not perioden:
        regels.append("Er zijn nog geen rapporten gemaakt.")
    regels += [_rapportregel(*kwartalen[0], root=root)] if kwartalen else []
    regels += [_rapportregel(*jaren[0], root=root)] if jaren else []
    regels += ["", "## Kwartaalrapporten {#kwartaalrapporten}", ""]
    regels += [_rapportregel(p, m, root=root) for p, m in kwartalen] or [
        "Nog geen kwartaalrapporten."
    ]
    regels += ["", "## Jaarrapporten {#jaarrapporten}", ""]
    regels += [_rapportregel(p, m, root=root) for p, m in jaren] or ["Nog geen jaarrapporten."]
    regels += ["", "## IPS-dashboard", ""]
    if _manifest(dashboard(root)) is not None:
        regels.append(
            "- " + _link("De ontwikkeling van IPS over alle kwartalen", "dashboard/index.html")
        )
    else:
        regels.append("Het dashboard is nog niet gemaakt.")
    regels += ["", "## Methoden en aanleveren", ""]
    regels += [f"- {_link(titel, f'{map_}/index.html')}" for map_, _bron, titel in DOCPAGINAS]
    return "\n".join(regels) + "\n"


def internpagina(root: Path, p: Periode) -> str:
    """The index of a period's internal pages (Markdown): checks page, then the quality
    reports of the regions and organisations that were built."""
    map_ = internmap(root) / p.code
    regels = [
        f"Interne pagina's over {p.naam()}: niet publiceren. De kwaliteitsrapporten gaan naar "
        "de regio's en organisaties die ze betreffen.",
        "",
    ]
    if _manifest(map_ / "controle") is not None:
        regels += ["## Controles", "", f"- {_link('Controlepagina', 'controle/index.html')}", ""]
    for soort, kop in (("regio", "Arbeidsmarktregio's"), ("organisatie", "Organisaties")):
        rapporten = []
        for m in sorted((map_ / soort).iterdir()) if (map_ / soort).is_dir() else []:
            manifest = _manifest(m)
            if manifest is None:
                continue
            naam = (manifest.get("parameters") or {}).get(soort) or m.name
            rapporten.append(f"- {_link(naam, f'{soort}/{m.name}/index.html')}")
        if rapporten:
            regels += [f"## {kop}", "", *rapporten, ""]
    return "\n".join(regels) + "\n"


def _schrijf_pagina(tekst: str, doel: Path, titel: str, root: Path, voet: Voet) -> Path:
    """Render a Markdown text as a page of the site (style, navigation, footer)."""
    import hashlib

    from werkmonitor.publish import rendering

    doel.parent.mkdir(parents=True, exist_ok=True)
    lijst = omlijsting(doel.parent, root, voet)
    opmaak = rendering.opmaak(root)["html"]
    stijl = rendering.bron("werkmonitor.css").read_text(encoding="utf-8")
    filter_ = rendering.bron("tabellen.lua").read_text(encoding="utf-8")  # the page's tables
    sleutel = hashlib.sha256(
        json.dumps(
            [tekst, titel, lijst, opmaak, stijl, filter_, __version__], sort_keys=True
        ).encode()
    ).hexdigest()
    merk = doel.with_name(f".{doel.name}.bron")  # what the page was made from
    if doel.is_file() and merk.is_file() and merk.read_text(encoding="utf-8") == sleutel:
        return doel  # the same page: not written again (a run with nothing new is quick)
    bron = doel.with_name(f".{doel.stem}.md")
    bron.write_text(tekst, encoding="utf-8")
    tijdelijk = doel.with_name(f".{doel.name}.nieuw")
    try:
        opties = {**opmaak, "toc": False}
        rendering.naar_html([bron], tijdelijk, titel, "", None, opties, lijst, formaat="markdown")
        tijdelijk.replace(doel)  # whole or not at all
        merk.write_text(sleutel, encoding="utf-8")
    finally:
        bron.unlink(missing_ok=True)
        tijdelijk.unlink(missing_ok=True)
    return doel


def bouw_indexen(root: Path) -> Path:
    """(Re)write the landing page, the docs pages and the internal index pages from what
    has been built; returns the landing page. Cheap: run after every build."""
    from werkmonitor.paths import DOCS

    perioden = gebouwde_perioden(root)
    voet = voet_van(perioden[0][1] if perioden else _manifest(dashboard(root)))
    site = sitemap(root)
    for map_, bron, titel in DOCPAGINAS:
        tekst = (DOCS / bron).read_text(encoding="utf-8")
        _schrijf_pagina(_zonder_titel(tekst), site / map_ / "index.html", titel, root, voet)
    index = _schrijf_pagina(
        landingspagina(root), site / "index.html", "Werkmonitor Hoofdzaak Werk", root, voet
    )
    intern = internmap(root)
    p_intern = []
    for map_ in sorted(intern.iterdir()) if intern.is_dir() else []:
        try:
            p = Periode.lees(map_.name)
        except ValueError:
            continue
        if map_.is_dir():
            _schrijf_pagina(
                internpagina(root, p), map_ / "index.html", f"Intern: {p.naam()}", root, voet
            )
            p_intern.append(p)
    if p_intern:
        regels = ["Interne pagina's: niet publiceren.", ""]
        regels += [f"- {_link(p.naam().capitalize(), f'{p.code}/index.html')}"
                   for p in sorted(p_intern, reverse=True)]  # fmt: skip
        _schrijf_pagina("\n".join(regels) + "\n", intern / "index.html", "Intern", root, voet)
    return index


def _zonder_titel(tekst: str) -> str:
    """A docs page without its first-level heading (the page's title replaces it)."""
    regels = tekst.splitlines()
    if regels and regels[0].startswith("# "):
        regels = regels[1:]
    return "\n".join(regels) + "\n"
