"""Manim scenes that draw a handtf trace in the look of the hand-drawn "AI by Hand" sheets.

Its modules import manim (this ``__init__`` does not); the ``handtf`` core never does.
"""
