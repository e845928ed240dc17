"""Worker processes that end with the process that started them."""

from __future__ import annotations

import ctypes
import os
import signal


def met_ouder_weg(ouder: int) -> None:
    """In a worker process: end when the process that started it ends, also on SIGKILL
    (Linux `PR_SET_PDEATHSIG`); a forked worker would otherwise wait for work forever, since
    it holds both ends of its own queue."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the worker ends with its queue
        return
    if os.getppid() != ouder:  # the parent died before the line above took effect
        os._exit(0)


# A report's figures and notebooks make hundreds of thousands of short-lived objects; with
# Python's default threshold (700) the cyclic garbage collector runs ≈ 500 times per quality
# report, ≈ 0,09 s (7%); from 50.000 new objects on, ≈ 6 times, ≈ 0,03 s. Cycles (a closed
# figure) are still collected, a few times per report.
GC_DREMPEL = 50_000


def rapportwerker(ouder: int) -> None:
    """In a worker process that builds reports: end with its parent (`met_ouder_weg`), and
    collect garbage less often (`GC_DREMPEL`)."""
    import gc

    met_ouder_weg(ouder)
    _eerste, tweede, derde = gc.get_threshold()
    gc.set_threshold(GC_DREMPEL, tweede, derde)
