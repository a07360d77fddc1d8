"""`make bench`: run every benchmark script in bench/ and print their figures as one table.

    python scripts/services.py run -- python bench/run.py                 # scale 1
    python scripts/services.py run -- python bench/run.py --scale 0.1
    python scripts/services.py run -- python bench/run.py --only load record_pdf

BENCH_SCALE sets the scale too (make bench BENCH_SCALE=0.1 passes it through the
environment). The scripts run one after another (they would only slow each other down on
a small machine), each in its own process, with BENCH_RESULTS naming a file where they
append their figures (bench/results.py). A script that reports nothing that way is still
run; the table then shows the last lines of its output. The load test (bench/load.py)
gets the scale; the other scripts build what they need themselves.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import textwrap
import time
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Helpers, not benchmarks.
NOT_SCRIPTS = {"run.py", "results.py", "database.py", "dataset.py", "__init__.py"}
# Quick ones first, the load test (which builds the big dataset) after them.
ORDER = ["record_pdf", "load", "cadence", "dashboard"]


def scripts(only: list[str] | None) -> list[Path]:
    found = [p for p in HERE.glob("*.py") if p.name not in NOT_SCRIPTS]
    found.sort(key=lambda p: (ORDER.index(p.stem) if p.stem in ORDER else len(ORDER), p.stem))
    if only:
        found = [p for p in found if p.stem in only]
    return found


def run(script: Path, scale: float, results: Path) -> tuple[int, float, str]:
    args = [sys.executable, str(script)]
    if script.stem == "load":
        args += ["--scale", str(scale)]
    env = {**os.environ, "BENCH_RESULTS": str(results)}
    started = time.perf_counter()
    print(f"\n=== bench/{script.name} ===", flush=True)
    process = subprocess.Popen(
        args, cwd=HERE.parent, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    lines = []
    for line in process.stdout:
        print(line, end="", flush=True)
        lines.append(line.rstrip())
    code = process.wait()
    return code, time.perf_counter() - started, "\n".join(lines[-4:])


def table(rows: list[dict]) -> str:
    widths = {"bench": 10, "measure": 52, "value": 12}
    head = (
        f"{'bench':{widths['bench']}}  {'measure':{widths['measure']}}  "
        f"{'value':>{widths['value']}}  note"
    )
    out = [head, "-" * len(head)]
    for row in rows:
        value = row["value"]
        shown = (f"{value:.3g}" if isinstance(value, float) else str(value)) + (
            f" {row['unit']}" if row.get("unit") else ""
        )
        measure = textwrap.shorten(row["measure"], widths["measure"], placeholder="…")
        out.append(
            f"{row['bench']:{widths['bench']}}  {measure:{widths['measure']}}  "
            f"{shown:>{widths['value']}}  {row.get('note', '')}"
        )
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--scale",
        type=float,
        default=float(os.environ.get("BENCH_SCALE", "1")),
        help="1 = 30,000 practitioners",
    )
    parser.add_argument("--only", nargs="*", help="script names without .py")
    args = parser.parse_args()
    rows: list[dict] = []
    failed = []
    started = datetime.now()
    load_before = os.getloadavg()[0]
    for script in scripts(args.only):
        with tempfile.NamedTemporaryFile("r", suffix=".jsonl", delete=False) as handle:
            results = Path(handle.name)
        try:
            code, seconds, tail = run(script, args.scale, results)
            reported = [json.loads(line) for line in results.read_text().splitlines() if line]
        finally:
            results.unlink(missing_ok=True)
        rows.extend(reported)
        if not reported:
            rows.extend(
                {"bench": script.stem, "measure": "output", "value": "", "note": line}
                for line in tail.splitlines()
            )
        if code != 0:
            failed.append(script.name)
            rows.append(
                {"bench": script.stem, "measure": "FAILED", "value": code, "note": "exit code"}
            )
        rows.append(
            {
                "bench": script.stem,
                "measure": "wall time of the script",
                "value": round(seconds),
                "unit": "s",
            }
        )
    print(
        f"\nSPR benchmarks, {started:%Y-%m-%d %H:%M}, scale {args.scale}, {os.cpu_count()} CPUs, "
        f"load average (1 min) {load_before:.1f} at the start, {os.getloadavg()[0]:.1f} at the end"
    )
    print(table(rows))
    if failed:
        sys.exit(f"Failed: {', '.join(failed)}")


if __name__ == "__main__":
    main()
