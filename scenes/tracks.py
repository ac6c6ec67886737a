"""Chapters and a soft subtitle track, written into a video as its segments are joined.

The chapters and cues come from the storyboard (:mod:`handtf.subtitles`); here they
go into the container: chapters into MP4, MOV and WebM alike, and the cues as a text
track, mov_text in MP4 and MOV, WebVTT in WebM. Both are read by players and video
sites. In WebM the track is off until the viewer turns it on; MP4 and MOV cannot say
so, as FFmpeg's muxer enables a file's only text track whatever its disposition.
"""

from __future__ import annotations

__all__ = ["SUBTITLE_CODECS", "Tracks", "add_tracks", "mux_cues"]

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from av.subtitles.subtitle import SubtitleSet

from handtf.subtitles import Chapter, Cue

SUBTITLE_CODECS = {".mp4": "mov_text", ".mov": "mov_text", ".webm": "webvtt"}
_TIME_BASE = Fraction(1, 1000)  # milliseconds: what WebVTT and SRT keep
_LANGUAGES = {"en": "eng", "ko": "kor"}  # ISO 639-2, as containers name languages

# The text encoders take each cue as an ASS event; this is the script they belong to.
_ASS_HEADER = b"""[Script Info]
ScriptType: v4.00+
PlayResX: 384
PlayResY: 288

[V4+ Styles]
Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, \
Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, \
MarginV, Encoding
Style: Default,Sans,16,&Hffffff,&Hffffff,&H0,&H0,0,0,0,0,100,100,0,0,1,1,0,2,10,10,10,1

[Events]
Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
"""


@dataclass(frozen=True)
class Tracks:
    """What a video carries besides its frames: chapters, and cues if asked for."""

    chapters: Sequence[Chapter] = ()
    cues: Sequence[Cue] = ()
    lang: str = "en"


def _title(title: str, suffix: str) -> str:
    """A chapter's title as the container keeps it whole: MP4 and MOV also list the
    chapters in a table of 255 bytes a title, so a longer one is cut there, between
    characters, not inside one.
    """
    if suffix == ".webm":
        return title
    return title.encode("utf-8")[:255].decode("utf-8", errors="ignore")


def add_tracks(target: Any, tracks: Tracks, suffix: str) -> Any:
    """Set ``target``'s chapters and add its subtitle stream (returned, or None),
    before its first packet is written.
    """
    target.set_chapters(
        [
            {
                "id": k,
                "start": round(c.start / _TIME_BASE),
                "end": round(c.end / _TIME_BASE),
                "time_base": _TIME_BASE,
                "metadata": {"title": _title(c.title, suffix)},
            }
            for k, c in enumerate(tracks.chapters, start=1)
        ]
    )
    if not tracks.cues:
        return None
    stream = target.add_stream(SUBTITLE_CODECS[suffix])
    stream.time_base = _TIME_BASE
    stream.codec_context.time_base = _TIME_BASE
    stream.codec_context.subtitle_header = _ASS_HEADER
    stream.metadata["language"] = _LANGUAGES.get(tracks.lang, "und")
    return stream


def _ass_text(text: str, webvtt: bool) -> bytes:
    """A cue's lines as an ASS event's text, a line break code between lines; braces
    and backslashes, which ASS reads as codes, as look-alikes. WebVTT's encoder copies
    the text as it is into cues that read tags and entities, so for it ``&``, ``<`` and
    ``>`` are escaped (the cues have no arrow ``-->``, see :func:`handtf.subtitles.said`).
    """
    safe = text.replace("\\", "∖").replace("{", "｛").replace("}", "｝")
    if webvtt:
        safe = safe.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return "\\N".join(safe.splitlines()).encode("utf-8")


def mux_cues(target: Any, stream: Any, cues: Sequence[Cue]) -> None:
    """Write each cue into ``stream`` of ``target``, starting and ending on the
    millisecond the WebVTT and SRT files give.
    """
    webvtt = stream.codec_context.name == "webvtt"
    for n, cue in enumerate(cues):
        start = round(cue.start / _TIME_BASE)
        length = round(cue.end / _TIME_BASE) - start
        event = b"%d,0,Default,,0,0,0,," % n + _ass_text(cue.text, webvtt)
        packet = stream.codec_context.encode_subtitle(SubtitleSet.create(event, 0, length, start))
        packet.stream = stream
        packet.pts = packet.dts = start
        packet.duration = length
        target.mux(packet)
