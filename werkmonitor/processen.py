"""Worker processes that end with the process that started them."""

from __future__ import annotations

import ctypes
import os
import signal


def met_ouder_weg(ouder: int) -> None:
    """In a worker process: end when the process that started it (`ouder`, the run) ends,
    also on SIGKILL; a worker would otherwise wait for work forever, since it holds both
    ends of its own queue. Forked by the run: Linux's `PR_SET_PDEATHSIG`. Forked by the
    forkserver (`publish.batch._pool`): that too, for the forkserver, and a thread that
    waits for the run to end (`_bewaak`): the forkserver itself lives on as long as one
    of its workers does."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the worker ends with its queue
        return
    if os.getppid() != ouder:
        _bewaak(ouder)


def _bewaak(pid: int) -> None:
    """End this process as soon as process `pid` has ended (at once when it already has):
    a daemon thread waits on a pidfd of it (Linux 5.3 and later), else looks every second."""
    import select
    import threading
    import time

    try:
        fd = os.pidfd_open(pid)
    except ProcessLookupError:
        os._exit(0)
    except (AttributeError, OSError):
        fd = None

    def wacht() -> None:
        if fd is not None:
            select.select([fd], [], [])
        else:
            while True:
                time.sleep(1)
                try:
                    os.kill(pid, 0)
                except ProcessLookupError:
                    break
        os._exit(0)

    threading.Thread(target=wacht, name="bewaak-run", daemon=True).start()


# A report's figures and notebooks make hundreds of thousands of short-lived objects; with
# Python's default threshold (700) the cyclic garbage collector runs ≈ 500 times per quality
# report, ≈ 0,09 s (7%); from 50.000 new objects on, ≈ 6 times, ≈ 0,03 s. Cycles (a closed
# figure) are still collected, a few times per report.
GC_DREMPEL = 50_000

# imported once by the process that starts the workers (multiprocessing's forkserver), so
# that each worker starts with them loaded instead of importing them itself (≈ 1 s for a
# report worker; the whole batch of 2025Q4 ≈ 2 s sooner, 37,8 -> 36,0 s over three and two
# runs, the same bytes)
VOORLADEN = [
    "werkmonitor.publish.batch",
    "werkmonitor.publish.binnen",
    "werkmonitor.publish.rendering",
    "werkmonitor.publish.export",
    "werkmonitor.indicators.kubus",
    "werkmonitor.report.kwartaal",
    "werkmonitor.report.trajecten",
    "werkmonitor.report.algemeen",
    "werkmonitor.report.duiding",
    "werkmonitor.report.herzien",
    "matplotlib.pyplot",
    "seaborn",
    "IPython",
    "papermill",
    "openpyxl",
]


def rapportwerker(ouder: int | None, omgeving: dict | None = None, map_: str | None = None) -> None:
    """In a worker process that builds reports: end with its parent (`met_ouder_weg`; None:
    with the forkserver it was forked from, which ends with the run), take the run's
    environment variables and working folder (`omgeving`, `map_`: a worker forked from the
    forkserver has the forkserver's, from when it started), and collect garbage less often
    (`GC_DREMPEL`)."""
    import gc

    met_ouder_weg(ouder)
    if omgeving is not None:
        os.environ.clear()
        os.environ.update(omgeving)
    if map_ is not None:
        os.chdir(map_)
    _eerste, tweede, derde = gc.get_threshold()
    gc.set_threshold(GC_DREMPEL, tweede, derde)
