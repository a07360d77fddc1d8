"""Run every bench script in this folder (what `make bench` runs), one after another.

Each script builds what it needs in its own database and prints its timings; this exits
non-zero if any of them missed its target.
"""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    scripts = sorted(p for p in HERE.glob("*.py") if p.name not in {"run.py", "__init__.py"})
    failed = []
    for script in scripts:
        print(f"== bench/{script.name}", flush=True)
        if subprocess.run([sys.executable, str(script)], cwd=HERE.parent).returncode != 0:
            failed.append(script.name)
    if failed:
        print(f"missed the target: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
