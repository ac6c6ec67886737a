"""The command line as a terminal runs it in the foreground, for tests that send it
signals.

A process started in the background of a shell script inherits Ctrl-C ignored, and
handtf leaves an ignored signal ignored (as ``nohup`` asks), so a test run started that
way would see a Ctrl-C do nothing. The command here takes Ctrl-C back first, as a
terminal's foreground job has it.
"""

from __future__ import annotations

import sys
from pathlib import Path

HANDTF = [
    sys.executable,
    "-c",
    "import signal; signal.signal(signal.SIGINT, signal.default_int_handler); from handtf.cli import main; main()",
]


def living(*, parent: int | None = None, group: int | None = None) -> list[int]:
    """The processes alive (zombies do not count) whose parent, or process group, is
    the one given: what an ended command may have left behind.
    """
    alive = []
    for stat_file in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat_file.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z" and (int(fields[1]) == parent or int(fields[2]) == group):
            alive.append(int(stat_file.parent.name))
    return alive
