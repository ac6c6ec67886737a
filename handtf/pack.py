"""A class pack: one fresh sheet per seed, its answer key, optionally its video, and an
index to print or hand out: a web page that links them all, and one PDF of all the
sheets (and one of all the keys).

It names the files and writes the index page's HTML itself; the renderer draws the
sheets. Every word on the page from an exercise is escaped.
"""

from __future__ import annotations

__all__ = ["MOST_SEEDS", "Sheet", "index_page", "pack", "parse_seeds", "plan"]

import html
import os
import re
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from handtf.errors import HandtfError, shown
from handtf.files import check_targets, check_writable, make_folders, publish, unmake_folders
from handtf.generate import generate
from handtf.outputs import render_trace, worksheet_trace
from handtf.pace import Timing
from handtf.pages import page_images, pages
from handtf.seam import renderer
from handtf.storyboard import storyboard
from handtf.text import add_words, say

MOST_SEEDS = 200  # sheets in one pack at most

add_words(
    {
        "pack.title": "{title}: a class pack",
        "pack.lead": "One sheet per student, each with numbers of its own (the seed), and its answer key.",
        "pack.all": "Print them all",
        "pack.sheets": "every worksheet",
        "pack.keys": "every answer key",
        "pack.seed": "Seed",
        "pack.sheet": "Worksheet",
        "pack.key": "Answer key",
        "pack.video": "Video",
    },
    {
        "pack.title": "{title}: 수업 묶음",
        "pack.lead": "학생마다 한 장, 저마다 다른 수(시드)로, 그리고 답안지.",
        "pack.all": "한꺼번에 인쇄하기",
        "pack.sheets": "모든 활동지",
        "pack.keys": "모든 답안지",
        "pack.seed": "시드",
        "pack.sheet": "활동지",
        "pack.key": "답안지",
        "pack.video": "영상",
    },
)


def parse_seeds(text: str) -> tuple[int, ...]:
    """The seeds named by ``text``, in order, each once: ``"1-30"``, ``"3,7,10-12"``.

    >>> parse_seeds("3,7,10-12")
    (3, 7, 10, 11, 12)
    """
    seeds: list[int] = []
    for part in text.split(","):
        match = re.fullmatch(r" *([0-9]{1,20}) *(?:- *([0-9]{1,20}) *)?", part)
        if match is None:
            raise HandtfError(f"--seeds {shown(text)} is not a list of seeds; write it like 1-30 or 3,7,10-12")
        first, last = int(match.group(1)), int(match.group(2) or match.group(1))
        if first > last:
            raise HandtfError(f"--seeds {shown(text)}: the range {first}-{last} runs backwards; write {last}-{first}")
        if last >= 2**32:
            raise HandtfError(f"--seeds {shown(text)}: a seed is a whole number below {2**32}")
        if last - first + 1 > MOST_SEEDS:
            raise HandtfError(f"--seeds {shown(text)} names more than {MOST_SEEDS} sheets; make the pack in parts")
        seeds += [s for s in range(first, last + 1) if s not in seeds]
        if len(seeds) > MOST_SEEDS:
            raise HandtfError(f"--seeds {shown(text)} names more than {MOST_SEEDS} sheets; make the pack in parts")
    return tuple(seeds)


@dataclass(frozen=True)
class Sheet:
    """One student's files in the pack: the worksheet and its key (PDFs, with a PNG
    of each page beside them), and the video if asked for.
    """

    seed: int
    worksheet: Path
    answers: Path
    video: Path | None


def plan(name: str, seeds: tuple[int, ...], folder: Path, video: bool) -> tuple[Sheet, ...]:
    """The files of each seed's sheet in ``folder``: ``NAME-7.pdf``, ``NAME-7-answers.pdf``
    and ``NAME-7.mp4``.

    >>> plan("mlp", (7,), Path("class"), True)[0].answers.as_posix()
    'class/mlp-7-answers.pdf'
    """
    return tuple(
        Sheet(
            seed,
            folder / f"{name}-{seed}.pdf",
            folder / f"{name}-{seed}-answers.pdf",
            folder / f"{name}-{seed}.mp4" if video else None,
        )
        for seed in seeds
    )


def index_page(title: str, sheets: tuple[Sheet, ...], every: tuple[Path, Path], lang: str) -> str:
    """The pack's index page: a table of the sheets with links to each file, and the two
    PDFs of every sheet and every key; links are relative, so the folder can move.

    >>> page = index_page("<b>MLP</b>", plan("mlp", (1,), Path("c"), False), (Path("c/a.pdf"), Path("c/k.pdf")), "en")
    >>> "&lt;b&gt;MLP&lt;/b&gt;" in page and "<b>MLP" not in page
    True
    """

    def link(path: Path, words: str) -> str:
        return f'<a href="{html.escape(path.name, quote=True)}">{html.escape(words)}</a>'

    def cells(sheet: Sheet) -> str:
        first_page = html.escape(sheet.worksheet.with_suffix(".png").name, quote=True)
        thumbnail = f'<a href="{html.escape(sheet.worksheet.name, quote=True)}"><img src="{first_page}" alt=""></a>'
        files = [link(sheet.worksheet, say(lang, "pack.sheet")), link(sheet.answers, say(lang, "pack.key"))]
        if sheet.video is not None:
            files.append(link(sheet.video, say(lang, "pack.video")))
        return "".join(f"<td>{cell}</td>" for cell in (str(sheet.seed), thumbnail, *files))

    head = say(lang, "pack.title", title=title)
    rows = "\n".join(f"<tr>{cells(s)}</tr>" for s in sheets)
    keys = (
        "pack.seed",
        "pack.sheet",
        "pack.sheet",
        "pack.key",
        *(("pack.video",) if any(s.video for s in sheets) else ()),
    )
    columns = "".join(f"<th>{html.escape(say(lang, k)) if n != 1 else ''}</th>" for n, k in enumerate(keys))
    return f"""<!doctype html>
<html lang="{html.escape(lang, quote=True)}">
<head><meta charset="utf-8"><title>{html.escape(head)}</title>
<style>
body {{ font-family: sans-serif; margin: 2em; color: #2b2b2b; background: #fbf9f3; }}
table {{ border-collapse: collapse; }} td, th {{ border: 1px solid #ccc; padding: 0.3em 0.8em; text-align: left; }}
img {{ width: 10em; border: 1px solid #ddd; vertical-align: middle; }}
</style></head>
<body>
<h1>{html.escape(head)}</h1>
<p>{html.escape(say(lang, "pack.lead"))}</p>
<p>{html.escape(say(lang, "pack.all"))}: {link(every[0], say(lang, "pack.sheets"))} ·
{link(every[1], say(lang, "pack.keys"))}</p>
<table>
<tr>{columns}</tr>
{rows}
</table>
</body>
</html>
"""


def pack(
    source: str,
    output: str | os.PathLike[str] | None = None,
    *,
    seeds: str | Iterable[int],
    video: bool = False,
    count: int | None = None,
    lang: str = "en",
) -> list[Path]:
    """The class pack of the exercise named ``source`` for ``seeds`` (``"1-30"``, or
    the numbers) in the folder ``output`` (``media/NAME-pack`` when None), as
    ``handtf pack`` makes it:
    each sheet and key (PDF and PNGs), each video if ``video``, ``NAME-sheets.pdf``,
    ``NAME-answers.pdf`` and ``index.html``. Every file is checked before any is
    drawn, and they are all written, or none (an error or an interrupt leaves the
    folder as it was). Returns the files written.
    """
    name = source
    folder = Path(output) if output is not None else Path("media") / f"{name}-pack"
    chosen = parse_seeds(seeds if isinstance(seeds, str) else ",".join(str(s) for s in seeds))
    traces = [generate(name, seed, lang, count) for seed in chosen]
    sheets = plan(name, chosen, folder, video)
    every = (folder / f"{name}-sheets.pdf", folder / f"{name}-answers.pdf")
    check_writable(folder, folder=True)
    targets = [*every, folder / "index.html"]
    for sheet, trace in zip(sheets, traces, strict=True):
        count_pages = len(pages(storyboard(trace, "step")))
        for pdf in (sheet.worksheet, sheet.answers):
            targets += [pdf, *page_images(pdf.with_suffix(".png"), count_pages)]
        targets += [sheet.video] if sheet.video is not None else []
    check_targets(targets)
    made = make_folders(folder)
    scratch = Path(tempfile.mkdtemp(prefix=".handtf-pack-", dir=folder))
    try:  # drawn in scratch, then moved in all at once: an interrupt or an error writes nothing
        here = plan(name, chosen, scratch, video)
        for sheet, trace in zip(here, traces, strict=True):
            stem = f"{name}-{sheet.seed}"
            worksheet_trace(stem, trace, sheet.worksheet, False, None)
            worksheet_trace(stem, trace, sheet.answers, True, None)
            if sheet.video is not None:
                jobs = os.cpu_count() or 1
                render_trace(stem, trace, sheet.video, "mp4", "l", "cell", Timing(), "light", False, jobs,
                             False, False, False, None)  # fmt: skip
        renderer().render_sheets(traces, scratch / every[0].name)
        renderer().render_sheets(traces, scratch / every[1].name, answers=True)
        title = traces[0].title.rsplit(" (", 1)[0]  # without the first seed's number
        (scratch / "index.html").write_text(index_page(title, sheets, every, lang), encoding="utf-8")
        return publish({scratch / path.name: path for path in targets if (scratch / path.name).exists()})
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        unmake_folders(made)
        raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
