"""Running report jobs: papermill executes, nbconvert renders HTML, Chromium prints the PDF.

A :class:`Runner` runs jobs one after another in one process and pays the fixed costs once:
papermill and nbconvert are imported once, one headless Chromium prints every PDF, and one kernel
runs the notebooks one after another, its imports (and the processed tables) loaded once, its
namespace reset before each notebook. Papermill stays the executor of record. The build
(:mod:`ketnap.build.batch`) runs one Runner per core; which jobs exist is the catalog's business
(:mod:`ketnap.build.catalog`), the Excel workbook the export's (:mod:`ketnap.build.export`).

Each job writes its executed notebook under ``reports/<period>/executed/`` (kept when it fails,
as the record), then publishes HTML, PDF and Excel, and for the city report the Board's report as
Word (:mod:`ketnap.build.word`), together (:func:`ketnap.io.atomic_file`): all are made as
temporary files beside their targets and renamed into place, the HTML last, so a failed run never
replaces a good report. Built without PDF (no browser, or ``--no-pdf``), a report
loses its older PDF, which no longer matches it.
"""

from __future__ import annotations

import functools
import os
import shutil
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from ketnap.build.catalog import WORD_FILE, Job
from ketnap.config import Paths, paths, settings
from ketnap.io import atomic_file, read_manifest, read_table, write_json_atomic
from ketnap.labels import t

__all__ = [
    "KERNEL",
    "TEMPLATES",
    "BuildError",
    "Outcome",
    "Printer",
    "Runner",
    "check_parameters",
    "find_browser",
    "header",
    "navigation",
    "render_html",
    "report_title",
    "status_file",
]

KERNEL = "ketnap"
#: The nbconvert template of the report pages (``ketnap/``: page, header, CSS); the index shares its CSS.
TEMPLATES = Path(__file__).resolve().parent / "templates"
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
BROWSER_ARGS = [
    "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync", "--disable-extensions",
    "--disable-background-networking", "--disable-component-update",
]  # fmt: skip
#: Imported in each kernel while it waits for its notebook; the notebook's own imports are then free.
WARM_UP = (
    "import pandas, matplotlib.pyplot, ketnap.charts, ketnap.metrics, ketnap.narrative, ketnap.present, "
    "ketnap.scorecard, ketnap.training, ketnap.review, ketnap.columns, ketnap.quality"
)
#: Run before each notebook in a reused kernel: nothing of the previous notebook stays visible.
RESET = "%reset -f\nimport matplotlib.pyplot\nmatplotlib.pyplot.close('all')\ndel matplotlib"
#: Seconds a kernel may take to start and import the warm-up modules.
KERNEL_START_TIMEOUT = 120
#: A cell running longer than this (seconds) fails the report instead of hanging the build.
CELL_TIMEOUT = 600
#: jupyter_client interrupts a kernel before shutting it down and ipykernel logs that as an ERROR on
#: the terminal; cell errors still come back through the protocol.
KERNEL_ARGS = ["--IPKernelApp.log_level=CRITICAL"]


class BuildError(RuntimeError):
    """A build step failed in a way the user can fix; the message says how."""


@dataclass(frozen=True)
class Outcome:
    """What happened to one job."""

    job: Job
    ok: bool
    seconds: float
    error: str | None = None
    executed: Path | None = None


def find_browser() -> str:
    """The Chrome/Chromium used for PDF: the ``KETNAP_BROWSER`` setting, else the first found on PATH."""
    named = settings().browser
    if named:
        if shutil.which(named) or Path(named).is_file():
            return shutil.which(named) or named
        raise BuildError(
            f"KETNAP_BROWSER={named} is not an executable Chrome/Chromium: point it at one, or install one "
            "(Debian/Ubuntu: `sudo apt-get install chromium`)"
        )
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    raise BuildError(
        "no Chrome/Chromium found for PDF output: install one (Debian/Ubuntu: `sudo apt-get install chromium`) "
        "or set KETNAP_BROWSER=/path/to/chrome"
    )


def check_parameters(notebook: Path, parameters: dict[str, str]) -> None:
    """Refuse parameters the notebook does not declare, or whose value does not fit the declared type.

    Papermill writes parameter names into code verbatim and would run with a typo silently using
    the default; this check runs before any kernel starts.
    """
    declared = _declared(str(notebook), notebook.stat().st_mtime_ns)
    for name, value in parameters.items():
        if name not in declared:
            raise BuildError(f"{notebook.name} has no parameter {name!r}; declared: {', '.join(declared)}")
        kind = declared[name]["inferred_type_name"]
        if kind == "int" and not str(value).lstrip("-").isdigit():
            raise BuildError(f"{notebook.name}: parameter {name} must be a whole number, not {value!r}")


@functools.lru_cache(maxsize=32)
def _declared(notebook: str, mtime_ns: int) -> dict[str, Any]:
    """The notebook's declared parameters, read once per version of the file (the cards are 111 jobs)."""
    import papermill

    del mtime_ns  # part of the cache key only
    return dict(papermill.inspect_notebook(notebook))


def render_html(notebook: Any, header: dict[str, Any]) -> str:
    """Render an executed notebook as a report page: no code, no printed output, all inline."""
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    config = Config()
    config.HTMLExporter.extra_template_basedirs = [str(TEMPLATES)]
    config.HTMLExporter.template_name = "ketnap"
    config.HTMLExporter.exclude_input = True
    config.HTMLExporter.exclude_input_prompt = True
    config.HTMLExporter.exclude_output_prompt = True
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_cell_tags = {"parameters", "injected-parameters", "remove-cell"}
    notebook.metadata["ketnap"] = header
    body, _ = HTMLExporter(config=config).from_notebook_node(notebook)
    return body


def report_title(job: Job, lang: str, p: Paths) -> str:
    """The report's title: the catalog's; for a sector report "Kết quả kết nạp đảng viên khối …", for a card
    "Kết quả kết nạp đảng viên: <the organisation's name>"."""
    if job.org_code:
        orgs = read_table("organisations", p.processed).set_index("org_code")
        return t("card.title_of", lang, name=str(orgs.loc[job.org_code, "name"]))
    if job.group:
        groups = read_table("groups", p.processed).set_index("group")
        return t("group.title_of", lang, name=str(groups.loc[job.group, "name_vi" if lang == "vi" else "name_en"]))
    if not job.sector:
        return t(job.report.title_key, lang)
    sectors = read_table("sectors", p.processed).set_index("sector")
    name = str(sectors.loc[job.sector, "name_vi" if lang == "vi" else "name_en"])
    # "Kết quả kết nạp đảng viên khối phường - xã": the sector in lower case, as mid-sentence.
    return t("report.sector.title_of", lang, name=name[:1].lower() + name[1:] if lang == "vi" else name)


def navigation(job: Job, lang: str, p: Paths, *, pdf: bool = True) -> str:
    """The links at the top of a report page: the index, its own PDF, Excel (and Word report), and its neighbours.

    The city report links to each sector report; a sector report and the other reports of the period
    to the city; a card to the city, its sector and the organisations report; a working group's report
    also to the other groups' reports of the period. Every link is relative
    to the page, so the reports folder can be copied anywhere and opened offline.
    """
    import html as html_lib

    up = "../" * job.depth
    own = job.stem.rsplit("/", 1)[-1]
    links = [(f"{up}../index.html", t("nav.index", lang))]
    if pdf:
        links.append((f"{own}.pdf", t("nav.pdf", lang)))
    links.append((f"{own}.xlsx", t("nav.excel", lang)))
    if job.report.word:  # the Board's report as Word (ketnap.build.word)
        links.append((WORD_FILE, t("word.link", lang)))
    if job.report.id == "city-overview":
        sectors = read_table("sectors", p.processed).sort_values("order")
        name = "name_vi" if lang == "vi" else "name_en"
        links += [
            (f"sector-{code}.html", str(title)) for code, title in zip(sectors["sector"], sectors[name], strict=True)
        ]
    else:
        links.append((f"{up}city-overview.html", t("nav.city", lang)))
    if job.org_code:
        orgs = read_table("organisations", p.processed).set_index("org_code")
        links.append((f"{up}sector-{orgs.loc[job.org_code, 'sector']}.html", t("nav.sector", lang)))
        links.append((f"{up}organisations.html", t("nav.organisations", lang)))
    elif job.report.id != "organisations":
        links.append(("organisations.html", t("nav.organisations", lang)))
    if job.group:  # a working group's report: the other groups' reports of the period
        from ketnap.groups import find, group_codes
        from ketnap.io import load

        tables = load(p.processed)
        links += [(f"group-{code}.html", find(tables, code, lang).name)
                  for code in group_codes(tables, job.period) if code != job.group]  # fmt: skip
    items = "".join(f'<a href="{html_lib.escape(href)}">{html_lib.escape(words)}</a>' for href, words in links)
    return f'<nav class="report-nav" aria-label="{html_lib.escape(t("nav.label", lang))}">{items}</nav>'


def header(job: Job, lang: str, manifest: dict[str, Any], p: Paths, *, pdf: bool = True) -> dict[str, Any]:
    """The report header the template shows (title, organisation, period, data-as-of), and its print frame.

    ``official_header`` is the first printed page's header block of the Party's document format and
    ``page_css`` the running title, data-as-of note and "Trang x/y" of every printed page
    (:mod:`ketnap.build.document`); neither carries the build time, so two builds stay identical.
    """
    from ketnap import fmt
    from ketnap.build.document import official_header, page_css
    from ketnap.periods import parse_period

    title = report_title(job, lang, p)
    as_of = datetime.fromisoformat(str(manifest["as_of"])).date()
    nav = navigation(job, lang, p, pdf=pdf)
    synthetic = str(manifest.get("data_root", "")).rstrip("/").endswith("sample")
    period_label = fmt.period_label(parse_period(job.period), lang)
    return {
        "lang": lang,
        "title": title,
        "nav": nav,
        "body_class": "card-page" if job.report.per_org else "",
        "organisation": t("org.board", lang),
        "period_caption": t("report.period", lang),
        "period_label": period_label,
        "as_of_caption": t("report.as_of", lang),
        "as_of": fmt.date(as_of, lang),
        "synthetic_notice": t("data.synthetic", lang) if synthetic else "",
        "footer": t("report.footer", lang),
        "official_header": official_header(lang, css="print-only"),
        "document_kind": t("doc.kind", lang),
        "page_css": page_css(
            lang,
            running=t("doc.running", lang, title=title, period=period_label),
            footer=t("doc.as_of", lang, date=fmt.date(as_of, lang)),
        ),
    }


def _error_summary(exc: BaseException) -> str:
    """One line naming the failing cell's error (papermill's exception carries ename/evalue)."""
    ename = getattr(exc, "ename", type(exc).__name__)
    evalue = getattr(exc, "evalue", str(exc))
    return f"{ename}: {evalue}".strip().splitlines()[0]


def status_file(p: Paths, period: str, stem: str) -> Path:
    """Where a job's last outcome is recorded (read by the index)."""
    return p.reports / period / ".status" / f"{stem}.json"


class _Kernel:
    """A ``ketnap`` kernel that runs one notebook after another, its imports paid once.

    Before each notebook the user namespace is reset (``%reset -f``) and figures are closed, so a
    notebook sees nothing of the one before; only imported modules (and ``ketnap.io.load``'s
    cache of the processed tables, keyed on the files) carry over. It talks over IPC sockets in a
    private folder instead of TCP ports: parallel kernels cannot collide on a port (or on
    jupyter_client's default ``kernel-ipc-N`` names in the working directory), and the kernel does
    not warn about unencrypted TCP.
    """

    def __init__(self, p: Paths) -> None:
        from jupyter_client.manager import KernelManager
        from traitlets.config import Config

        class TrackingKernelManager(KernelManager):
            """Remembers the clients papermill opens, so their channels can be closed after each run."""

            opened: list[Any]

            def client(self, **kwargs: Any) -> Any:
                client = super().client(**kwargs)
                self.opened.append(client)
                return client

        self.sockets = tempfile.TemporaryDirectory(prefix="ketnap-kernel-")
        config = Config({"KernelManager": {"transport": "ipc", "ip": str(Path(self.sockets.name) / "kernel")}})
        self.manager = TrackingKernelManager(kernel_name=KERNEL, config=config)
        self.manager.opened = []
        # The kernel reads the same project as this process (KETNAP_HOME), from the notebooks' folder.
        env = {**os.environ, "KETNAP_HOME": str(p.home)}
        self.manager.start_kernel(extra_arguments=KERNEL_ARGS, cwd=str(p.notebooks), env=env)
        self._run(WARM_UP)

    def _run(self, code: str) -> None:
        """Run ``code`` silently on a short-lived client, waiting for the kernel first.

        A client is opened per call, not kept: a client left open while papermill runs a notebook
        queues that notebook's output until its buffer overflows, and then misses its own replies.
        """
        client = self.manager.client()
        client.start_channels()
        try:
            client.wait_for_ready(timeout=KERNEL_START_TIMEOUT)
            reply = client.execute_interactive(
                code, silent=True, store_history=False, timeout=KERNEL_START_TIMEOUT, output_hook=lambda msg: None
            )
        finally:
            client.stop_channels()
            self.manager.opened.remove(client)
        if reply["content"]["status"] != "ok":
            content = reply["content"]
            raise BuildError(f"the report kernel could not prepare: {content.get('ename')}: {content.get('evalue')}")

    def alive(self) -> bool:
        return bool(self.manager.is_alive())

    def prepare(self) -> Any:
        """Give the kernel a clean slate for the next notebook and return the manager for papermill."""
        self._run(RESET)
        return self.manager

    def release_clients(self) -> None:
        """Close the channels of the clients papermill opened for the last notebook."""
        for client in self.manager.opened:
            client.stop_channels()
        self.manager.opened.clear()

    def close(self) -> None:
        try:
            self.release_clients()
            if self.manager.has_kernel:
                self.manager.shutdown_kernel(now=True)
        finally:
            self.sockets.cleanup()


#: The content box of a printed report page in mm (A4 less the ``@page`` margins of ``report.css``).
REPORT_PAGE_MM = (210 - 16 - 12, 297 - 15 - 14)
#: The smallest a chart may be shrunk to keep it on page 1 (its labels shrink with it).
FIT_LEAST_SCALE = 0.6
#: Nor is a chart shrunk so far that its smallest text prints below this size, in points (issue 15;
#: ``data-min-font-pt`` and ``data-width-in`` of :func:`ketnap.present.chart`).
FIT_LEAST_PT = 7.0
#: Run before printing a report: page 1 is laid out exactly as in the continuous print layout (no break
#: before it), so the first chart crossing the page end is found there. If shrinking it to what is left
#: of the page keeps at least ``least`` of its height and its text at ``leastPt`` or more, it is shrunk;
#: otherwise it moves to page 2 whole, as the CSS says. Only the first page is touched: later pages start
#: wherever the breaks fall.
FIT_FIRST_PAGE = """({page, least, leastPt}) => {
  const slack = 6;
  for (const img of document.querySelectorAll('figure.chart img')) {
    const box = img.getBoundingClientRect();
    const top = box.top + window.scrollY;
    if (top >= page) return false;
    if (top + box.height <= page - slack) continue;
    const room = page - slack - top;
    const data = img.closest('figure').dataset;
    const pt = parseFloat(data.minFontPt) * box.width / (parseFloat(data.widthIn) * 96);
    const floor = Number.isFinite(pt) ? Math.max(least, leastPt / pt) : least;
    if (room < floor * box.height) return false;
    img.style.maxHeight = `${Math.floor(room)}px`;
    img.style.width = 'auto';
    return true;
  }
  return false;
}"""


class Printer:
    """One headless Chromium that prints self-contained pages to PDF, started on first use.

    Shared by the reports (:class:`Runner`) and the receipts (:mod:`ketnap.build.receipts`):
    Playwright drives the system Chromium (:func:`find_browser`), so the PDF engine is the same
    everywhere. Use as a context manager, or call :meth:`close`. Playwright runs on a thread of its
    own: its synchronous API refuses a thread where an asyncio loop is running (a notebook kernel,
    Jupyter, a test that ran one), and a dedicated thread never has one.
    """

    def __init__(self) -> None:
        self._playwright: Any = None
        self._browser: Any = None
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ketnap-printer")

    def __enter__(self) -> Printer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def print_pdf(self, html_text: str, pdf_file: Path, *, fill_first_page: bool = False) -> None:
        """Print the page ``html_text`` to ``pdf_file`` (A4 from the page's CSS) in the shared browser.

        The page is handed over as text: report pages are self-contained (styles and charts inline),
        and a temporary file would not end in ``.html``, so Chromium would show it as plain text.
        With ``fill_first_page`` (report pages, whose ``@page`` box is :data:`REPORT_PAGE_MM`), a chart
        that would leave page 1 part empty by missing it narrowly is shrunk to fit (:data:`FIT_FIRST_PAGE`).
        """
        self._thread.submit(self._print, html_text, pdf_file, fill_first_page).result()

    def _print(self, html_text: str, pdf_file: Path, fill_first_page: bool) -> None:
        if self._browser is None:
            from playwright.sync_api import sync_playwright

            executable = find_browser()
            self._playwright = sync_playwright().start()
            self._browser = self._playwright.chromium.launch(executable_path=executable, args=BROWSER_ARGS)
        width, height = (round(mm * 96 / 25.4) for mm in REPORT_PAGE_MM)
        page = self._browser.new_page(viewport={"width": width, "height": height} if fill_first_page else None)
        try:
            page.set_content(html_text, wait_until="load")
            if fill_first_page:
                page.emulate_media(media="print")  # lay out as printed, one page wide, to measure page 1
                page.evaluate(FIT_FIRST_PAGE, {"page": height, "least": FIT_LEAST_SCALE, "leastPt": FIT_LEAST_PT})
            page.pdf(path=str(pdf_file), prefer_css_page_size=True, print_background=True)
        finally:
            page.close()

    def close(self) -> None:
        """Stop the browser, if it was started, and the printer's thread."""
        self._thread.submit(self._close).result()
        self._thread.shutdown()

    def _close(self) -> None:
        if self._browser is not None:
            self._browser.close()
            self._playwright.stop()
            self._browser = self._playwright = None


class Runner:
    """Runs report jobs in this process; see the module docstring. Use as a context manager."""

    def __init__(self, p: Paths | None = None, *, lang: str = "vi", pdf: bool = True) -> None:
        self.p = p or paths()
        self.lang = lang
        self.pdf = pdf
        self._kernel: _Kernel | None = None
        self._printer = Printer()

    def __enter__(self) -> Runner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the spare kernel and the browser."""
        if self._kernel is not None:
            self._kernel.close()
            self._kernel = None
        self._printer.close()

    def _ready_kernel(self) -> _Kernel:
        """The worker's kernel, started on first use and again if the last one died."""
        if self._kernel is not None and not self._kernel.alive():
            self._kernel.close()
            self._kernel = None
        if self._kernel is None:
            self._kernel = _Kernel(self.p)
        return self._kernel

    def _publish(self, job: Job, notebook: Any, manifest: dict[str, Any], out_dir: Path) -> int:
        """Make the job's HTML, Excel and PDF (and the Word report), then rename them into ``out_dir`` together.

        Returns how many of its figures differ from the period's last issue (the revisions section).
        """
        from ketnap.build.export import collect_figures, collect_tables, figures_json, figures_table, write_workbook
        from ketnap.build.issue import revision_section
        from ketnap.periods import as_at
        from ketnap.present import indicator_notes

        head = header(job, self.lang, manifest, self.p, pdf=self.pdf)
        figures = collect_figures(notebook)
        head["figures_json"] = figures_json(figures)
        period = as_at(job.period, str(manifest["as_of"]))
        # A card is one page: its indicators are explained in the organisations report it links to.
        codes = set() if job.report.per_org else {f["code"] for f in figures}
        head["indicator_notes"] = indicator_notes(codes, self.lang, period=period)
        explained = job.report.per_org or bool(head["indicator_notes"])
        head["indicator_link"] = t("indicator.section.link", self.lang) if explained else ""
        head["indicator_href"] = f"{'../organisations.html' if job.report.per_org else ''}#giai-thich-so-lieu"
        head["revisions"], revised = revision_section(job, figures, self.lang, self.p)
        html_text = render_html(notebook, head)
        with ExitStack() as publish:  # renamed on leaving, in reverse order: the HTML, which make checks, last
            html_file = publish.enter_context(atomic_file(out_dir / f"{job.stem}.html"))
            html_file.write_text(html_text, encoding="utf-8")
            if self.pdf:
                pdf_file = publish.enter_context(atomic_file(out_dir / f"{job.stem}.pdf"))
                self._printer.print_pdf(html_text, pdf_file, fill_first_page=True)
            xlsx_file = publish.enter_context(atomic_file(out_dir / f"{job.stem}.xlsx"))
            sheets = collect_tables(notebook) + ([figures_table(figures, self.lang)] if figures else [])
            write_workbook(sheets, xlsx_file, title=head["title"])
            if job.report.word:  # the Board's report as Word, from the same tables and narrative
                from ketnap.build.word import write_board_report
                from ketnap.io import load

                docx_file = publish.enter_context(atomic_file(out_dir / WORD_FILE))
                write_board_report(load(self.p.processed), job.period, docx_file, self.lang)
        if not self.pdf:  # a PDF of an earlier version would not match the page: the index shows it missing
            (out_dir / f"{job.stem}.pdf").unlink(missing_ok=True)
        return revised

    def run(self, job: Job) -> Outcome:
        """Execute, render and publish one report; the outcome is also recorded for the index."""
        import nbformat
        import papermill

        notebook_path = self.p.notebooks / job.report.notebook
        check_parameters(notebook_path, job.parameters(self.lang))
        out_dir = self.p.reports / job.period
        executed = out_dir / "executed" / f"{job.stem}.ipynb"
        executed.parent.mkdir(parents=True, exist_ok=True)
        started = time.monotonic()
        stamp = datetime.now().astimezone().isoformat(timespec="seconds")
        manifest = read_manifest(self.p.processed)
        kernel = self._ready_kernel()
        error, revised = None, 0
        try:
            papermill.execute_notebook(
                str(notebook_path),
                str(executed),
                parameters=job.parameters(self.lang),
                kernel_name=KERNEL,
                cwd=str(self.p.notebooks),
                progress_bar=False,
                execution_timeout=CELL_TIMEOUT,
                km=kernel.prepare(),
            )
            revised = self._publish(job, nbformat.read(executed, as_version=4), manifest, out_dir)
        except Exception as exc:  # every failure is reported the same way; the caller decides the exit code
            error = _error_summary(exc)
            if "Timeout" in type(exc).__name__:  # the kernel may still be busy: start afresh next time
                kernel.close()
                self._kernel = None
        finally:
            if self._kernel is not None:
                self._kernel.release_clients()
        seconds = time.monotonic() - started
        write_json_atomic(
            {"report": job.report.id, "stem": job.stem, "period": job.period, "status": "ok" if error is None else
             "failed", "built": stamp, "seconds": round(seconds, 1), "error": error, "as_of": str(manifest["as_of"]),
             "pdf": self.pdf and error is None, "revised": revised},
            status_file(self.p, job.period, job.stem),
        )  # fmt: skip
        return Outcome(job, error is None, seconds, error, executed)
