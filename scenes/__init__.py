"""Manim scenes that draw a handtf trace in the look of the hand-drawn "AI by Hand" sheets.

Importing this package imports manim; the ``handtf`` core never does.
"""
