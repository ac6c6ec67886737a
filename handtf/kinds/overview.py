"""``overview``: a pause between the parts of a long exercise (the encoder, the
decoder). The camera takes in the whole sheet so far, the title names the part to
come, and the note says what the part before made; it computes nothing.
"""

from __future__ import annotations

__all__ = ["Overview"]

from handtf.kinds import register
from handtf.kinds.given import Given
from handtf.text import add_words

add_words({"kind.overview": "Overview"}, {"kind.overview": "개관"})


class Overview(Given):
    name = "overview"
    op = "overview"
    order = 163
    whole_page = True


register(Overview())
