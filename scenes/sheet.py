"""The page a walkthrough draws on: the trace's matrices as pieces that can be left
out of a view and brought back, the camera on a storyboard view, and the page laid
out at once as playing leaves it. :class:`~handtf.scenes.walkthrough.Walkthrough`
plays beats on it; the stills take pictures of it.
"""

from __future__ import annotations

__all__ = ["Sheet", "writes_of"]

from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from typing import Any, cast

import numpy as np
from manim import Group, Mobject, MovingCamera, MovingCameraScene, VGroup, VMobject
from manim.utils.color import ManimColor

from handtf.layout import Layout
from handtf.scenes.bands import Frame, overview_words, paper, qk_box, title_band
from handtf.scenes.camera import FramedCamera
from handtf.scenes.grid import MatrixGrid, decorations
from handtf.scenes.offstage import Offstage, Unit
from handtf.scenes.style import Style
from handtf.storyboard import Shot, Storyboard, View, Write
from handtf.trace import Cell, Trace


class Sheet(MovingCameraScene):
    """A scene with a trace's matrices on a paper page (the walkthrough sets these).

    Manim makes its renderer with :class:`~scenes.camera.FramedCamera`, which draws
    only what is in view, unless the scene is given a renderer of its own.
    """

    def __init__(self, **kwargs: Any) -> None:
        self.offstage = Offstage()
        super().__init__(**{"camera_class": FramedCamera, **kwargs})

    # Whether matrices far from a camera move are taken off the page (see
    # :mod:`scenes.offstage`); a test turns it off to see that no pixel changes.
    sets_aside = True
    # Whether the plays now are skipped (a part's way to its start): no pictures are
    # made for them. The renderer's own flag says so only once a play has begun.
    skipping = False

    trace: Trace
    style: Style
    transparent: bool
    layout: Layout
    grids: dict[str, MatrixGrid]
    copy_grids: dict[str, MatrixGrid]
    # Each matrix on the page with its labels, and each copy; and those left out now.
    pieces: dict[str, VGroup]
    copy_pieces: dict[tuple[str, str], VGroup]
    left_out: set[str | tuple[str, str]]
    written: dict[Cell, VGroup]
    bands: VGroup
    view: Frame
    offstage: Offstage

    @property
    def board(self) -> Storyboard:
        """The storyboard drawn (the walkthrough's)."""
        raise NotImplementedError

    @property
    def page_camera(self) -> MovingCamera:
        """The camera: a walkthrough's is a moving one, which the Cairo renderer makes."""
        return cast(MovingCamera, self.camera)

    def play(self, *args: Any, **kwargs: Any) -> None:
        """Manim's play; then the empty stand-ins manim leaves in the scene for good (a
        wait's, and a group of animations that each bring their own mobject) go: they
        draw nothing, and every later play would walk them.
        """
        super().play(*args, **kwargs)
        self.mobjects = [m for m in self.mobjects if not _stand_in(m)]

    def add(self, *mobjects: Any) -> Sheet:
        """Manim's add (at the end of the list), numbering what it adds for
        :class:`~scenes.offstage.Offstage`, which puts a unit back in its place.
        """
        self.offstage.number(mobjects)
        super().add(*mobjects)
        return self

    # -- the page ------------------------------------------------------------------
    def start_page(self) -> None:
        """The paper under everything, unless the video is to be transparent."""
        if not self.transparent:
            self.page_camera.background_color = ManimColor(self.style.paper)
            self.add(paper(self.layout, self.style))

    def grid(self, name: str) -> MatrixGrid:
        """The grid of a tensor, made on first use; during a shot that reads a copy of
        it (see :attr:`~handtf.layout.Layout.copies`), the copy.
        """
        if name in self.copy_grids:
            return self.copy_grids[name]
        if name not in self.grids:
            tensor = self.trace.tensor(name)
            filled = name in self.board.given
            self.grids[name] = MatrixGrid(tensor, self.layout.boxes[name], filled, self.style)
        return self.grids[name]

    def decorations(self, name: str, arrows: bool = True) -> VGroup:
        """Labels around a matrix, and the arrows that lead into it (but not into a
        copy: they lead into the matrix where it first stands).
        """
        return decorations(self.grid(name), self.layout.arrows.get(name, []) if arrows else [], self.style)

    def new_matrices(self, shot: Shot, worked_copies: bool = True) -> list[VGroup]:
        """The matrices a shot shows for the first time, with their labels, and the
        copies it reads matrices from, written out again where the step needs them:
        each its own mobject in the scene, so that each can be taken off the page.
        A copy of a worked-out matrix holds its values unless ``worked_copies`` is
        False (a worksheet's, where the reader writes them out again).
        """
        self.copy_grids = {
            n: MatrixGrid(
                self.trace.tensor(n),
                self.layout.copies[(shot.step_id, n)],
                worked_copies or n in self.board.given,
                self.style,
            )
            for n in shot.copies
        }
        shown: list[VGroup] = []
        for n in shot.shows:
            self.pieces[n] = VGroup(self.grid(n), self.decorations(n))
            shown.append(self.pieces[n])
        for n in shot.copies:
            self.copy_pieces[(shot.step_id, n)] = VGroup(self.grid(n), self.decorations(n, arrows=False))
            shown.append(self.copy_pieces[(shot.step_id, n)])
        if shot.qk_module:  # the QK box goes with its matrix
            self.pieces[shot.qk_module].add(qk_box(self.style, self.layout.boxes[shot.qk_module]))
        return shown

    def left_out_now(self, shot: Shot) -> tuple[list[VMobject], list[VMobject]]:
        """What to take away for ``shot`` (the matrices its view would cut, with their
        values) and what to bring back (those left out before that it shows whole),
        each mobject as the scene holds it, so that removing it removes it.
        """
        wanted: set[str | tuple[str, str]] = {*shot.left_out, *shot.left_out_copies}
        going = sorted(wanted - self.left_out, key=str)
        away = [m for key in going if key not in self.offstage for m in self.piece(key)]
        for key in going:  # already off the page: it stays off
            self.offstage.forget(key)
        back = [m for key in sorted(self.left_out - wanted, key=str) for m in self.piece(key)]
        self.left_out = wanted
        return away, back

    def piece(self, key: str | tuple[str, str]) -> list[VMobject]:
        """A matrix on the page with its labels and the values written into it, or a copy."""
        if isinstance(key, tuple):
            return [self.copy_pieces[key]]
        return [self.pieces[key], *[v for cell, v in self.written.items() if cell.tensor == key]]

    def leave_out_at_once(self, shot: Shot) -> None:
        away, back = self.left_out_now(shot)
        self.remove(*away)
        self.add(*back)

    def frame_of(self, shot: Shot) -> Frame:
        return self.frame_of_view(shot.view)

    def frame_of_view(self, view: View) -> Frame:
        return Frame.of(view, self.style)

    def set_aside(self, frame: Frame) -> None:
        """Before the camera moves to ``frame``: the matrices far from the move taken
        off the page, and those near it put back in their places (see
        :mod:`scenes.offstage`).
        """
        if not self.sets_aside:
            return
        now = self.page_camera.frame
        half = np.array([frame.width / 2, frame.width * now.height / now.width / 2, 0.0])
        then = np.array([frame.center - half, frame.center + half])
        keys: list[str | tuple[str, str]] = [*self.pieces, *self.copy_pieces]
        units = [(key, cast(Unit, self.piece(key))) for key in keys if key not in self.left_out]
        width = self.page_camera.pixel_width
        self.mobjects = self.offstage.update(self.mobjects, units, [now.points, then], width, self.remove)

    def look_at(self, frame: Frame) -> None:
        """Put the camera on a frame at once."""
        self.view = frame
        self.page_camera.frame.move_to(frame.center).set(width=frame.width)

    def shot_bands(self, shot: Shot) -> VGroup:
        """The words a shot keeps on screen: a step's title band, or the takeaways."""
        if shot.kind == "takeaways":
            return overview_words(self.style, shot.view, shot.title, shot.title_at, shot.lines)
        return VGroup(title_band(self.view, self.style, self.transparent, shot.title, shot.formula))

    def panning(self, frame: Frame) -> AbstractContextManager[None]:
        """Around a play that moves the camera to ``frame`` and fades the bands out: a
        renderer that can draws it from one picture of the page (see
        :meth:`scenes.renderer.StreamingRenderer.panning`).
        """
        panning = getattr(self.renderer, "panning", None)
        if panning is None or self.skipping:
            return nullcontext()
        return cast(AbstractContextManager[None], panning(self, self.bands, frame.center, frame.width))

    def fading(self, going: Sequence[VMobject], coming: Sequence[VMobject]) -> AbstractContextManager[None]:
        """Around a play that fades ``going`` out and ``coming`` in and moves nothing
        else, entered before it: a renderer that can draws the fade from pictures of
        them (see :meth:`scenes.renderer.StreamingRenderer.fading`).
        """
        fading = getattr(self.renderer, "fading", None)
        if fading is None or self.skipping:
            return nullcontext()
        return cast(AbstractContextManager[None], fading(going, coming))

    def value_in_place(self, write: Write) -> VGroup:
        value = self.grid(write.cell.tensor).value_text(write.cell.row, write.cell.col, write.value, given=write.given)
        self.written[write.cell] = value
        return value

    # -- laid out at once ------------------------------------------------------------
    def lay_out_shot(self, shot: Shot) -> None:
        """A shot's new matrices and its written values, at once, with no animation."""
        self.add(*self.new_matrices(shot))
        for write in writes_of(shot):
            self.add(self.value_in_place(write))

    def lay_out_played(self, shot: Shot) -> None:
        """The page as playing ``shot`` leaves it, made at once: the camera on the step,
        its title, its matrices and values, in the order playing adds them (a render
        in parts starts from this; a test compares it with a serial render, frame for
        frame).
        """
        if any(beat.kind == "move" for beat in shot.beats):
            self.set_aside(self.frame_of(shot))  # as the move does
        self.look_at(self.frame_of(shot))
        self.remove(self.bands)
        self.bands = self.shot_bands(shot)
        self.leave_out_at_once(shot)
        self.add(*self.new_matrices(shot), self.bands)
        for write in writes_of(shot):
            self.add(self.value_in_place(write))

    def lay_out_finished(self) -> None:
        """The finished sheet at once, with no animation: what the walkthrough ends on."""
        *steps, last = self.board.shots
        for shot in steps:  # as playing leaves them: what came back is drawn last
            self.leave_out_at_once(shot)
            self.lay_out_shot(shot)
        self.leave_out_at_once(last)
        self.look_at(self.frame_of(last))
        self.bands = self.shot_bands(last)
        self.add(self.bands)


def _stand_in(mobject: Mobject) -> bool:
    return type(mobject) in (Mobject, Group) and not mobject.submobjects and not mobject.has_points()


def writes_of(shot: Shot) -> list[Write]:
    """Every value a shot writes, in order."""
    return [w for beat in shot.beats if beat.kind in ("write", "give") for w in beat.writes]
