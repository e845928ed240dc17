"""Privacy of regional and organisation reports (docs/rapporten.md, Privacy).

Counts under a threshold (default 5, zero excepted) are not shown (primary suppression). When
a sum of parts and its total would reveal a single suppressed cell (a part, or the total), the
smallest other part is suppressed too (secondary suppression). Percentages on a denominator
under 10 are not shown. Suppressed values become missing; the reports print them as '–' and
say why. Functions return new objects.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from werkmonitor.indicators.methods import VAN_LOPEND

DREMPEL = 5  # counts 1..DREMPEL-1 are suppressed
NOEMER_MINIMUM = 10  # percentages need at least this many in the denominator
PRIMAIR, SECUNDAIR, NOEMER, AFGELEID = "primair", "secundair", "noemer", "afgeleid"


def onderdrukt_voor(soort: str) -> bool:
    """Whether the report on a unit of `soort` hides small numbers. A region's report shows
    the clients of several organisations: suppressed. An organisation's own report shows only
    its own clients, and suppression protects others, not an organisation from its own
    figures: unsuppressed. National figures are never suppressed."""
    return soort == "regio"


def primair(waarden: pd.Series, drempel: int = DREMPEL) -> pd.Series:
    """True for counts that are suppressed in their own right: 0 < n < drempel."""
    w = waarden.astype("float64")
    return (w > 0) & (w < drempel)


def onderdruk_delen(delen: pd.Series, drempel: int = DREMPEL) -> pd.Series:
    """The suppression reason per part of a total that is shown (sum of the parts).

    Primary for small counts; if exactly one part is suppressed, the smallest other part that
    is not zero is suppressed as well, so the total cannot reveal it. Returns a Series of
    'primair', 'secundair' or '' with the index of `delen`.
    """
    reden = pd.Series("", index=delen.index, dtype="object")
    p = primair(delen, drempel)
    reden[p] = PRIMAIR
    if p.sum() == 1:
        over = delen[~p & (delen.astype("float64") > 0)]
        if not over.empty:
            reden[over.astype("float64").idxmin()] = SECUNDAIR
    return reden


def toon_percentage(noemer, minimum: int = NOEMER_MINIMUM) -> bool:
    """Whether a percentage on this denominator may be shown."""
    return noemer is not None and not pd.isna(noemer) and float(noemer) >= minimum


def onderdruk_tabel(
    tabel: pd.DataFrame, kolommen: list[str], totaalrij, drempel: int = DREMPEL
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Suppress count columns of a table whose row `totaalrij` is the sum of the other rows.

    Per column: primary and secondary suppression of the parts (`onderdruk_delen`), and the
    total itself when it is small. Returns (table with suppressed cells missing, table of
    reasons).
    """
    uit = tabel.copy()
    redenen = pd.DataFrame("", index=tabel.index, columns=kolommen)
    delen = [i for i in tabel.index if i != totaalrij]
    for k in kolommen:
        r = onderdruk_delen(tabel.loc[delen, k], drempel)
        redenen.loc[delen, k] = r
        if totaalrij in tabel.index and primair(tabel.loc[[totaalrij], k], drempel).iloc[0]:
            redenen.loc[totaalrij, k] = PRIMAIR
        uit[k] = uit[k].astype("float64").where(redenen[k] == "")
    return uit, redenen


# --- Indicator tables of one region or organisation ----------------------------------------

_GROEP = ["eenheid", "traject", "maat", "dimensie", "categorie"]


def _groepen(tel: pd.DataFrame, w: np.ndarray) -> list[tuple[np.ndarray, int, bool]]:
    """(parts, total, over_trajecten) of the count rows whose parts add up to their total:
    the categories of a breakdown within its traject and measure, and the trajects within
    'totaal' for every measure and category. Rows by position (`tel`'s index; `w` their
    values). A breakdown that is no sum here is left out: the stages and types of IPS
    within all trajects, UWV's outcomes of Werkfit and Naar Werk within all trajects, a
    client in two trajects counted once in 'totaal'."""
    sleutels = list(zip(*(tel[k].tolist() for k in _GROEP), strict=True))
    index = dict(zip(sleutels, tel.index, strict=True))
    labels = tel.index.to_numpy(dtype=np.int64)
    uit = []

    def som(delen: np.ndarray, tot: int) -> bool:
        return bool(abs(w[delen].sum() - w[tot]) < 1e-6)

    # groups as arrays of positions (`indices`), in the order of their keys as `groups`
    # gives them, without an Index object per group (a third of the time)
    for (e, t, m, d), pos in tel.groupby(
        ["eenheid", "traject", "maat", "dimensie"]
    ).indices.items():
        tot = index.get((e, t, m, "totaal", "totaal"))
        if d != "totaal" and tot is not None and som(labels[pos], tot):
            uit.append((labels[pos], int(tot), False))
    for (e, m, d, c), pos in tel.groupby(
        ["eenheid", "maat", "dimensie", "categorie"]
    ).indices.items():
        tot = index.get((e, "totaal", m, d, c))
        if tot is None:
            continue
        delen = labels[pos]
        delen = delen[delen != tot]
        if delen.size and som(delen, tot):
            uit.append((delen, int(tot), True))
    return uit


def _bepaald(cel: int, w, verborgen, groepen, lid) -> bool:
    """Whether `cel` is the only part above zero of a sum whose total is shown: it equals
    that total, so hiding it hides nothing (Werkfit's running clients financed by UWV, who
    are all its running clients)."""
    for g in lid.get(cel, ()):
        delen, totaal, _ = groepen[g]
        if not verborgen[totaal] and bool((w[delen[delen != cel]] == 0).all()):
            return True
    return False


def _tweede_cel(
    bewaard, w, verborgen, groep, groepen=(), lid=None, streng: bool = False
) -> int | None:
    """The cell to suppress so that a sum `groep` (parts, total, soort) does not reveal its
    single hidden cell (a part, or the total): the smallest shown part above zero (the
    first of equals) that another sum does not give away (`_bepaald`). In a sum over
    trajects not a protected traject (IPS), in a flow (`_stromen`) not the running count,
    but the total itself instead, while that is shown: `bewaard[soort]` marks those rows.
    Only when nothing else protects the hidden cell: a protected part, then a part another
    sum gives away (that sum hides one of its own next), then the total. Arrays by row
    position; `verborgen` marks the rows suppressed so far; `lid`: the sums (indices into
    `groepen`) each row is a part of. `streng`: never a protected part (None instead).
    `w`: the values, or the weights cells are chosen by (`_secundair`: a flow of zero
    counts as half a client, a part that may be hidden)."""
    delen, totaal, soort = groep
    over = delen[~verborgen[delen] & (w[delen] > 0)]

    def kleinste_vrije(kandidaten) -> int | None:
        vrij = [
            int(c) for c in kandidaten if not _bepaald(int(c), w, verborgen, groepen, lid or {})
        ]
        return min(vrij, key=lambda c: (w[c], c)) if vrij else None

    if soort in bewaard:
        cel = kleinste_vrije(over[~bewaard[soort][over]])
        if cel is not None:
            return cel
        if not verborgen[totaal]:
            return totaal
        if streng:
            over = over[~bewaard[soort][over]]
    cel = kleinste_vrije(over)
    if cel is not None:
        return cel
    return int(over[np.argmin(w[over])]) if over.size else totaal


STROOM = "stroom"  # the kind of sum that links the flows of a quarter (`_stromen`)


def _stromen(
    t: pd.DataFrame, w: np.ndarray, vorige: pd.DataFrame | None, drempel: int = DREMPEL
) -> list:
    """The flows of a quarter as sums (parts, total, STROOM): per unit and traject running
    + ended + lost - started = running in the quarter before (Bijlage 3, point 1), a
    constant the report shows in its figures. So a report that shows the running counts of
    both quarters cannot give away a small number of started or ended clients. `vorige`:
    the previous quarter's table, unsuppressed; its running count counts as shown unless
    it is small itself (it may be hidden beside a small one there too: then the flow ties
    less than assumed here, which hides no less). Only where the numbers fit the equation;
    rows by position."""
    if vorige is None or vorige.empty:
        return []
    tot = t[
        (t["dimensie"] == "totaal") & (t["categorie"] == "totaal") & (t["grootheid"] == "aantal")
    ]
    plek = {
        (e, tr, m): i
        for i, e, tr, m in zip(
            tot.index, *(tot[k].tolist() for k in ("eenheid", "traject", "maat")), strict=True
        )
    }
    v = vorige[
        (vorige["maat"] == "lopend")
        & (vorige["dimensie"] == "totaal")
        & (vorige["categorie"] == "totaal")
        & (vorige["grootheid"] == "aantal")
    ]
    waarden = v["waarde"].astype("float64")
    v, waarden = v[~primair(waarden, drempel)], waarden[~primair(waarden, drempel)]
    paren = zip(v["eenheid"].tolist(), v["traject"].tolist(), strict=True)
    eerder = dict(zip(paren, waarden.tolist(), strict=True))
    uit = []
    for (e, tr), l_vorig in eerder.items():
        cellen = [plek.get((e, tr, m)) for m in ("lopend", "beeindigd", "verloren", "gestart")]
        if None in cellen:
            continue
        lopend, beeindigd, verloren, gestart = cellen
        if abs(w[lopend] + w[beeindigd] + w[verloren] - w[gestart] - l_vorig) < 1e-6:
            uit.append((np.array([lopend, beeindigd, verloren]), int(gestart), STROOM))
    return uit


def _afleidbaar(sommen: list[tuple[np.ndarray, int, bool]], verborgen) -> set[int]:
    """The hidden cells whose value follows exactly from the shown ones through the sums
    `sommen` (parts and total): a hidden cell is such when no change of the hidden values
    that keeps every sum true changes it, i.e. its column is zero in every vector of the
    null space of the sums over the hidden cells. Rows by position."""
    if not sommen:
        return set()
    delen = np.concatenate([d for d, _t, _o in sommen])
    som_van = np.repeat(np.arange(len(sommen)), [len(d) for d, _t, _o in sommen])
    totalen = np.array([t for _d, t, _o in sommen], dtype=np.int64)
    d_ok, t_ok = verborgen[delen], verborgen[totalen]
    cellen = np.unique(np.concatenate([delen[d_ok], totalen[t_ok]]))
    if not cellen.size:
        return set()
    a = np.zeros((len(sommen), cellen.size))
    a[som_van[d_ok], np.searchsorted(cellen, delen[d_ok])] = 1.0
    a[np.flatnonzero(t_ok), np.searchsorted(cellen, totalen[t_ok])] = -1.0
    a = a[a.any(axis=1)]
    _u, waarden, vt = np.linalg.svd(a)
    kern = vt[int((waarden > 1e-9).sum()) :]
    vast = np.abs(kern).max(axis=0) < 1e-9 if len(kern) else np.ones(cellen.size, dtype=bool)
    return {int(c) for c in cellen[vast]}


def _secundair(
    t: pd.DataFrame, w: pd.Series, reden: pd.Series, tel, beschermd, vorige=None, drempel=DREMPEL
) -> pd.Series:
    """A copy of `reden` with the secondary suppressions added.

    First the rule of thumb: a shown total never stands beside a single hidden part
    (`_tweede_cel`), repeated until nothing changes. Then the audit, per unit: while a
    primary cell follows exactly from what is shown through the sums of parts and totals
    (`_afleidbaar`; for instance a hidden total given away by its parts shown in full, as
    Werkfit's ended clients of a region were by 0 with and 13 without intended result),
    the cheapest shown cell whose hiding sets it free is hidden too (`bevrijd`). With
    `vorige` (a quarter's previous quarter, unsuppressed) the sums include the quarter's
    flows (`_stromen`), and a started or lost count of zero may be the second cell."""
    uit = reden.to_numpy(dtype=object, copy=True)  # set per cell: no pandas per call
    verborgen = (reden != "").to_numpy(copy=True)
    primair_ = (reden == PRIMAIR).to_numpy()
    w_a = w.to_numpy(dtype="float64", na_value=np.nan)
    # the weights by which second cells are chosen: a flow of zero (started, lost) counts
    # as half a client, so that it can be hidden beside a small one. A hidden zero hides as
    # well as any other value (nothing shown says it is zero), and started and lost are
    # computed, not registered: hiding them costs the reader least. Without them a flow
    # with a small hidden count and no started or lost clients could only be protected by
    # hiding a running count, and then the running total of large regions (Groot Amsterdam
    # 738 in 2025Q4)
    stroomcel = (t["maat"].isin(["gestart", "verloren"]) & (t["dimensie"] == "totaal")).to_numpy()
    w_k = np.where(stroomcel & (w_a == 0), 0.5, w_a)
    eenheden = t["eenheid"].to_numpy(dtype=object)
    groepen = _groepen(tel, w_a) + _stromen(t, w_a, vorige, drempel)
    # the rows a sum hides only when nothing else protects: IPS among the trajects, the
    # running count in a flow
    bewaard = {
        True: np.isin(t["traject"].to_numpy(dtype=object), beschermd),
        STROOM: (t["maat"] == "lopend").to_numpy(),
    }
    # what the audit hides only when nothing else protects: IPS, and running counts
    kwetsbaar = bewaard[True] | (bewaard[STROOM] & (t["dimensie"] == "totaal").to_numpy())
    # and never, as a second cell: the running count of a protected traject (IPS), the
    # headline of every report (per region and year also published in Tabel 3.1)
    nooit = bewaard[True] & bewaard[STROOM] & (t["dimensie"] == "totaal").to_numpy()
    lid: dict[int, list[int]] = {}
    for g, (delen, _totaal, _o) in enumerate(groepen):
        for d in delen:
            lid.setdefault(int(d), []).append(g)

    def verberg(groep, streng: bool = False) -> bool:
        # chosen by the weights: a zero flow is a part that may be hidden (`_bepaald` too)
        cel = _tweede_cel(bewaard, w_k, verborgen, groep, groepen, lid, streng)
        if cel is None or verborgen[cel] or nooit[cel] or (streng and kwetsbaar[cel]):
            return False
        uit[cel] = SECUNDAIR
        verborgen[cel] = True
        return True

    # the hidden parts of every sum at once: its parts' positions one after the other
    delen_alle = np.concatenate([g[0] for g in groepen]) if groepen else np.zeros(0, int)
    begin = np.cumsum([0] + [len(g[0]) for g in groepen])[:-1]
    totalen = np.array([g[1] for g in groepen], dtype=np.int64)

    def verborgen_delen(idx: np.ndarray) -> np.ndarray:
        return np.add.reduceat(verborgen[delen_alle].astype(np.int64), begin)[idx]

    def vuistregel(idx: np.ndarray) -> None:
        for _ in range(10):
            kandidaten = idx[(verborgen_delen(idx) == 1) & ~verborgen[totalen[idx]]]
            veranderd = False
            for g in kandidaten:
                delen, totaal, _o = groepen[g]
                if not verborgen[totaal] and verborgen[delen].sum() == 1:  # still so
                    veranderd = verberg(groepen[g]) or veranderd
            if not veranderd:
                break

    def bevrijd(sommen, idx, bloot, streng: bool) -> bool:
        """Hide the cheapest shown cell (`_kandidaten`) that, with the second cells the
        rule of thumb then adds, frees a cell of `bloot`; else the cheapest that frees a
        part of what follows (fewer cells of `bloot` left). False, nothing changed, when
        none helps."""
        beste = None
        for b in bloot:
            for kandidaat in _kandidaten(sommen, verborgen, b, w_k, kwetsbaar, nooit, streng):
                was_verborgen, was_uit = verborgen.copy(), uit.copy()
                uit[kandidaat] = SECUNDAIR
                verborgen[kandidaat] = True
                vuistregel(idx)
                over = [c for c in _afleidbaar(sommen, verborgen) if primair_[c]]
                if b not in over:
                    return True
                if beste is None and len(over) < len(bloot):
                    beste = (verborgen.copy(), uit.copy())
                verborgen[:], uit[:] = was_verborgen, was_uit
        if beste is None:
            return False
        verborgen[:], uit[:] = beste
        return True

    def _stap(sommen, idx, bloot, streng: bool) -> bool:
        """No single cell frees a cell of `bloot`: hide a second cell in a sum linked to
        them, one with a single hidden cell first; `streng`: no headline (`kwetsbaar`),
        else the smallest shown cell beside them, a running count last."""
        gekoppeld = _gekoppeld(sommen, verborgen, set(bloot))
        gelinkt = [
            g for g in idx if any(int(c) in gekoppeld for c in (*groepen[g][0], groepen[g][1]))
        ]
        enkel = [g for g in gelinkt if verborgen[groepen[g][0]].sum() + verborgen[totalen[g]] == 1]
        for sommen_ in (enkel, gelinkt):
            over = sorted(
                {
                    int(c)
                    for g in sommen_
                    for c in (*groepen[g][0], groepen[g][1])
                    if not verborgen[c]
                    and w_k[c] > 0
                    and not nooit[c]
                    and not (streng and kwetsbaar[c])
                },
                key=lambda c: (bool(bewaard[STROOM][c] and kwetsbaar[c]), w_k[c], c),
            )
            if over:
                uit[over[0]] = SECUNDAIR
                verborgen[over[0]] = True
                return True
        return False

    if not groepen:
        return reden.copy()
    vuistregel(np.arange(len(groepen)))
    per_eenheid: dict = {}
    for g, groep in enumerate(groepen):
        per_eenheid.setdefault(eenheden[groep[1]], []).append(g)
    for idx in per_eenheid.values():
        idx = np.array(idx)
        sommen = [groepen[g] for g in idx]
        for _ in range(100):
            bloot = [c for c in _afleidbaar(sommen, verborgen) if primair_[c]]
            if not bloot:
                break
            # first only cells that are no headline (IPS, running counts): a cell that frees
            # one of them, else a step towards it; only then headlines too
            if not any(
                bevrijd(sommen, idx, bloot, streng) or _stap(sommen, idx, bloot, streng)
                for streng in (True, False)
            ):
                break  # nothing shown beside it would protect it
            vuistregel(idx)
    return pd.Series(uit, index=reden.index, dtype="object")


def _kandidaten(sommen, verborgen, cel: int, w, kwetsbaar, nooit, streng=False) -> list[int]:
    """The shown cells to try hiding so that the hidden cell `cel` no longer follows from
    the sums `sommen`: the cells above zero in the sums linked to it, smallest first, IPS
    cells and running counts (`kwetsbaar`) after the others (left out with `streng`),
    never a cell of `nooit`."""
    gekoppeld = _gekoppeld(sommen, verborgen, {cel})
    return sorted(
        {
            int(c)
            for delen, totaal, _o in sommen
            if any(int(x) in gekoppeld for x in (*delen, totaal))
            for c in (*delen, totaal)
            if not verborgen[c] and w[c] > 0 and not nooit[c] and not (streng and kwetsbaar[c])
        },
        key=lambda c: (bool(kwetsbaar[c]), w[c], c),
    )


def afleidbaar(
    onderdrukt: pd.DataFrame, ruw: pd.DataFrame, vorige_getoond: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The audit of a level's suppressed table as its reports show it: the small (primary)
    counts that follow exactly from what is shown, per unit (rows of `onderdrukt`; none
    when the suppression holds). The sums of parts and totals (`_groepen`), and for a
    quarter its flows with the running counts of the quarter before as its reports showed
    them (`vorige_getoond`: that quarter's suppressed table; a running count hidden there
    ties nothing). `ruw`: the same table unsuppressed, in the same order."""
    uit = onderdrukt.reset_index(drop=True)
    w = ruw["waarde"].astype("float64").to_numpy(na_value=np.nan)
    tel = uit[(uit["grootheid"] == "aantal") & (uit["maat"] != "aantal_organisaties")]
    sommen = _groepen(tel, w)
    if vorige_getoond is not None and not vorige_getoond.empty:
        getoond = vorige_getoond[vorige_getoond["onderdrukt"] == ""]
        sommen += _stromen(ruw.reset_index(drop=True), w, getoond, drempel=0)
    verborgen = (uit["onderdrukt"] != "").to_numpy()
    primair_ = (uit["onderdrukt"] == PRIMAIR).to_numpy()
    per_eenheid: dict = {}
    for som in sommen:
        per_eenheid.setdefault(uit["eenheid"].iloc[som[1]], []).append(som)
    cellen = sorted(
        c for s in per_eenheid.values() for c in _afleidbaar(s, verborgen) if primair_[c]
    )
    return uit.iloc[cellen]


def _gekoppeld(sommen, verborgen, cellen: set[int]) -> set[int]:
    """The hidden cells linked to `cellen` through sums with hidden cells (the cells of
    one connected part of the system of sums)."""
    gezien, rand = set(cellen), list(cellen)
    per_cel: dict[int, list] = {}
    for groep in sommen:
        for c in (*groep[0], groep[1]):
            per_cel.setdefault(int(c), []).append(groep)
    while rand:
        cel = rand.pop()
        for delen, totaal, _o in per_cel.get(cel, ()):
            for c in (*delen, totaal):
                c = int(c)
                if verborgen[c] and c not in gezien:
                    gezien.add(c)
                    rand.append(c)
    return gezien


def _sleutel(t: pd.DataFrame, kolommen: list[str]) -> pd.Series:
    """The values of `kolommen` joined into one string per row."""
    uit = t[kolommen[0]].astype(str)
    for k in kolommen[1:]:
        uit = uit + "\x1f" + t[k].astype(str)
    return uit


def onderdruk_indicatoren(
    tabel: pd.DataFrame,
    drempel: int = DREMPEL,
    minimum: int = NOEMER_MINIMUM,
    beschermd: tuple[str, ...] = ("ips",),
    vorige: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Suppress the small counts and small-denominator percentages of an indicator table of
    one period (with its `noemer` column, `periodetabel(..., met_noemer=True)`); `vorige`:
    for a quarter, the previous quarter's table (unsuppressed), whose running counts tie
    the quarter's flows (`_stromen`).

    Counts 1..drempel-1 are suppressed (primair); where a shown total would reveal a single
    suppressed part (categories of a breakdown, trajects within 'totaal'), a second cell is
    suppressed too (secundair, `_tweede_cel`), repeated until nothing changes. A percentage is
    suppressed when its denominator is under `minimum` ('noemer'), and when its own count, the
    total it is a share of, or (point 7) the running count it is a percentage of is
    suppressed ('afgeleid'). The number of
    organisations is not a count of clients and stays. Returns a new table with suppressed
    values missing and the reason in column `onderdrukt` ('' when shown); without `noemer`.
    """
    t = tabel.reset_index(drop=True)
    if t.empty:
        return t.drop(columns="noemer", errors="ignore").assign(onderdrukt=pd.Series(dtype=object))
    reden = pd.Series("", index=t.index, dtype="object")
    w = t["waarde"].astype("float64")
    tel = t[(t["grootheid"] == "aantal") & (t["maat"] != "aantal_organisaties")]
    reden[primair(w[tel.index], drempel).reindex(t.index, fill_value=False)] = PRIMAIR
    reden = _secundair(t, w, reden, tel, beschermd, vorige, drempel)
    sleutel = _sleutel(t, _GROEP)
    verborgen_aantal = set(sleutel[tel.index][reden[tel.index] != ""].tolist())
    totaal_sleutel = _sleutel(t, ["eenheid", "traject", "maat"]) + "\x1ftotaal\x1ftotaal"
    pct = t["grootheid"] == "procent"
    noemer = pd.to_numeric(t.get("noemer", pd.Series(pd.NA, t.index)), errors="coerce")
    te_klein = pct & (noemer.isna() | (noemer < minimum))
    reden[te_klein] = NOEMER
    lopend_sleutel = _sleutel(t, ["eenheid", "traject"]) + "\x1flopend\x1ftotaal\x1ftotaal"
    van_lopend = t["maat"].isin(VAN_LOPEND) & lopend_sleutel.isin(verborgen_aantal)
    afgeleid = (
        pct
        & ~te_klein
        & (sleutel.isin(verborgen_aantal) | totaal_sleutel.isin(verborgen_aantal) | van_lopend)
    )
    reden[afgeleid] = AFGELEID
    uit = t.drop(columns="noemer", errors="ignore").assign(onderdrukt=reden)
    uit["waarde"] = uit["waarde"].astype("Float64").where(reden == "")
    return uit
