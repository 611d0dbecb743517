"""Run ``lessons`` or ``mkdocs`` in this process, then record its own peak memory.

``ru_maxrss`` of a child counts what its parent held when it was started (Linux
carries the high-water mark across fork and exec), so a benchmark that has grown
would inflate every child's figure. The kernel's ``VmHWM`` belongs to the process's
own address space, which exec replaces: read at exit, it is the command's own peak.
``python -m tests.benchmarks.peak OUT COMMAND ARGS...`` writes it, in kB, to OUT.
"""

from __future__ import annotations

import resource
import sys
from pathlib import Path


def own_peak_kb() -> int:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # elsewhere: the portable, upper-bound figure


def main(argv: list[str]) -> int:
    out, command, args = Path(argv[0]), argv[1], argv[2:]
    status: int | str | None = 0
    try:
        if command == "lessons":
            from annotated_lessons.cli.main import main as lessons

            status = lessons(args)
        elif command == "mkdocs":
            from mkdocs.__main__ import cli

            cli(args, standalone_mode=True)
        else:
            raise SystemExit(f"unknown command {command!r}")
    except SystemExit as done:
        status = done.code
    sys.stdout.flush()
    out.write_text(str(own_peak_kb()), encoding="utf-8")
    return status if isinstance(status, int) else (0 if status is None else 1)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
