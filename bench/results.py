"""How bench scripts hand their figures to bench/run.py, which prints them as one table.

A script calls `report(...)` for each figure. It always prints a readable line; when
bench/run.py runs it, BENCH_RESULTS names a file and the figure is appended to it as one
JSON line too. A script that never calls `report` still runs: bench/run.py shows the end
of its output instead.
"""

import json
import os

RESULTS_ENV = "BENCH_RESULTS"


def report(
    bench: str, measure: str, value: float | int | str, unit: str = "", note: str = ""
) -> None:
    """One figure: which bench, what was measured, the value, its unit, and a note (a
    ratio to the bare page, a target, a count of samples...)."""
    shown = f"{value:.3g}" if isinstance(value, float) else str(value)
    print(f"{bench} | {measure}: {shown} {unit}".rstrip() + (f"  ({note})" if note else ""))
    path = os.environ.get(RESULTS_ENV)
    if path:
        with open(path, "a", encoding="utf-8") as out:
            row = {"bench": bench, "measure": measure, "value": value, "unit": unit, "note": note}
            out.write(json.dumps(row) + "\n")
