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
