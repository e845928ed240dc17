"""A papermill engine that executes a notebook inside the calling process.

Papermill parameterises the notebook and records the execution as always; only the cells run
in an IPython shell in this process instead of in a kernel reached over sockets. A kernel
costs ≈ 10–20 ms of messaging per cell and ≈ 0,2 s per notebook; the chapters of one report
have ≈ 55 cells. Each notebook starts with an empty namespace, as in a fresh kernel; what
the package keeps in memory (the indicator cube of a store state) stays for the next one.

The shell is one per process, so notebooks in one process run one at a time (`_SLOT`); a
batch runs in several processes (`publish.werkers`).
"""

from __future__ import annotations

import contextlib
import io
import threading
import types

import nbformat
from IPython.core.displayhook import DisplayHook
from IPython.core.displaypub import DisplayPublisher
from IPython.core.interactiveshell import InteractiveShell
from papermill.engines import Engine, papermill_engines
from traitlets import Type
from traitlets.config import Config

NAAM = "werkmonitor"  # the engine's name for `papermill.execute_notebook(engine_name=...)`
_SLOT = threading.Lock()


def _uitvoer(output_type: str, **velden) -> nbformat.NotebookNode:
    """A cell output with all its fields, as `nbformat.v4.new_output` makes it but without
    checking each against the schema (≈ 0,5 ms an output, ≈ 40 a report): the notebook is
    checked as a whole when it is written."""
    return nbformat.NotebookNode(output_type=output_type, **velden)


class _Publicist(DisplayPublisher):
    """Collects `display(...)` calls of the running cell as notebook outputs."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.uitvoer: list = []

    def publish(self, data, metadata=None, source=None, *, transient=None, update=False):
        """One display_data output."""
        self.uitvoer.append(_uitvoer("display_data", data=data, metadata=metadata or {}))

    def clear_output(self, wait=False):
        """`clear_output()` empties what the cell showed so far."""
        self.uitvoer.clear()


class _Uitkomst(DisplayHook):
    """The value of a cell's last expression as an execute_result output."""

    def write_output_prompt(self):
        """No 'Out[n]:' prompt: there is no terminal."""

    def write_format_data(self, format_dict, md_dict=None) -> None:
        """One execute_result output."""
        self.shell.display_pub.uitvoer.append(
            _uitvoer(
                "execute_result",
                data=format_dict,
                metadata=md_dict or {},
                execution_count=self.prompt_count,
            )
        )

    def finish_displayhook(self):
        """Nothing to flush."""


class Schil(InteractiveShell):
    """IPython's shell with its displays collected instead of printed, and an error kept as
    an error output (as ipykernel's shell does)."""

    display_pub_class = Type(_Publicist)
    displayhook_class = Type(_Uitkomst)

    def _showtraceback(self, etype, evalue, stb):
        """The error as an output of the cell, with the traceback's lines."""
        self.display_pub.uitvoer.append(
            _uitvoer("error", ename=etype.__name__, evalue=str(evalue), traceback=list(stb))
        )


def schil() -> Schil:
    """This process's shell (made on first use; no history file, no colours; the process's
    own `__main__` left alone)."""
    if not Schil.initialized():
        c = Config()
        c.HistoryManager.enabled = False
        c.InteractiveShell.colors = "nocolor"
        c.InteractiveShell.xmode = "Plain"
        c.InteractiveShell.cache_size = 0  # no Out[n] cache holding every result alive
        # the notebook's namespace is a module of its own: IPython would otherwise install
        # its namespace as sys.modules["__main__"], and multiprocessing (a batch's worker
        # processes) needs the real one
        Schil.instance(config=c, user_module=types.ModuleType("werkmonitor_notebook"))
    return Schil.instance()


def leeg(shell: Schil) -> None:
    """Empty the user's namespace, as in a new kernel (IPython's `reset` does too, but also
    runs a full garbage collection twice, ≈ 0,2 s)."""
    verborgen = shell.user_ns_hidden
    for naam in [n for n in shell.user_ns if n not in verborgen]:
        del shell.user_ns[naam]
    shell.execution_count = 1


def voer_cel_uit(shell: Schil, bron: str) -> tuple[list, bool]:
    """Run one cell's source; (its outputs in order: displays, then stdout and stderr as
    streams; whether it failed)."""
    shell.display_pub.uitvoer = []
    uit, fout = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(uit), contextlib.redirect_stderr(fout):
        resultaat = shell.run_cell(bron, store_history=True, silent=False)
    outputs = list(shell.display_pub.uitvoer)
    for naam, stroom in (("stdout", uit), ("stderr", fout)):
        if stroom.getvalue():
            outputs.append(_uitvoer("stream", name=naam, text=stroom.getvalue()))
    mislukt = not resultaat.success
    if mislukt and not any(o.output_type == "error" for o in outputs):
        exc = resultaat.error_in_exec or resultaat.error_before_exec
        outputs.append(
            _uitvoer("error", ename=type(exc).__name__, evalue=str(exc), traceback=[repr(exc)])
        )
    return outputs, mislukt


class BinnenEngine(Engine):
    """Papermill engine: the cells of the notebook in this process's shell, in order, until
    one fails (papermill then raises `PapermillExecutionError` as with a kernel)."""

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, **kwargs):
        """Execute every code cell of `nb_man.nb` with a fresh namespace."""
        with _SLOT:
            shell = schil()
            leeg(shell)
            opslaan, nb_man.save = nb_man.save, lambda **_kw: None  # written once, at the end
            try:
                for i, cel in enumerate(nb_man.nb.cells):
                    if cel.cell_type != "code":
                        continue
                    nb_man.cell_start(cel, i)
                    cel.outputs, mislukt = voer_cel_uit(shell, cel.source)
                    cel.execution_count = shell.execution_count - 1
                    if mislukt:
                        nb_man.cell_exception(cel, i)
                        nb_man.cell_complete(cel, i)
                        break
                    nb_man.cell_complete(cel, i)
            finally:
                nb_man.save = opslaan
                leeg(shell)  # nothing of this notebook stays alive


papermill_engines.register(NAAM, BinnenEngine)
