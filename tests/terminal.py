"""The command line as a terminal runs it in the foreground, for tests that send it
signals.

A process started in the background of a shell script inherits Ctrl-C ignored, and
handtf leaves an ignored signal ignored (as ``nohup`` asks), so a test run started that
way would see a Ctrl-C do nothing. The command here takes Ctrl-C back first, as a
terminal's foreground job has it.
"""

from __future__ import annotations

import sys

HANDTF = [
    sys.executable,
    "-c",
    "import signal; signal.signal(signal.SIGINT, signal.default_int_handler); from handtf.cli import main; main()",
]
