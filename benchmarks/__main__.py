"""Run the benchmarks named on the command line, or all of them (``make bench``)."""

from __future__ import annotations

import importlib
import sys

#: Modules of this package that each define ``main() -> None`` and print their figures.
BENCHMARKS: tuple[str, ...] = (
    "bench_synth",
    "bench_model_io",
    "bench_model",
    "bench_landing",
    "bench_vocab",
    "bench_harvest",
    "bench_search",
    "bench_validate",
    "bench_store",
)


def run(names: list[str]) -> None:
    """Run each named benchmark in turn."""
    for name in names or BENCHMARKS:
        print(f"== {name}", flush=True)
        importlib.import_module(f"benchmarks.{name}").main()


if __name__ == "__main__":
    run(sys.argv[1:])
