"""Time and peak memory of ``bpcat synth`` for one 45,000-image dataset.

The streaming generator is compared, in the same run, with the naive baseline that builds each
file as a whole lxml tree in memory (``tree_file``) from exactly the same events; the two write
byte-identical files. Each variant runs in a child process so that its peak resident memory
(ru_maxrss) is its own.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

IMAGES = 45_000

CHILD = """
import json, sys, time
from pathlib import Path
from bigpicture.catalogue.synth.generator import SynthOptions, generate, tree_file, xml_file
opener = {"stream": xml_file, "tree": tree_file}[sys.argv[1]]
options = SynthOptions(images=(int(sys.argv[3]), int(sys.argv[3])), seed=1, node="linkoping")
started = time.perf_counter()
[summary] = generate(Path(sys.argv[2]), options, opener)
print(json.dumps({"seconds": time.perf_counter() - started, "images": summary.images}))
"""


def _cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(variant: str, images: int) -> dict:
    cpu_before = _cpu_of_children()
    with tempfile.TemporaryDirectory() as out:
        result = subprocess.run(
            [sys.executable, "-c", CHILD, variant, out, str(images)],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        size = sum(p.stat().st_size for p in Path(out).rglob("*.xml"))
    figures = json.loads(result.stdout)
    figures["peak_mib"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    figures["cpu"] = _cpu_of_children() - cpu_before
    figures["megabytes"] = size / 1e6
    return figures


def main(images: int = IMAGES) -> None:
    """Print the figures of both variants and their ratios."""
    started = time.perf_counter()
    stream = _run("stream", images)  # first: ru_maxrss of children is a running maximum
    tree = _run("tree", images)
    for name, figures in (("streaming (bpcat synth)", stream), ("baseline: in-memory tree", tree)):
        print(
            f"{name:26s} {figures['images']:>7,} images  {figures['seconds']:6.1f} s "
            f"(cpu {figures['cpu']:5.1f} s)  "
            f"peak RSS {figures['peak_mib']:7.1f} MiB  {figures['megabytes']:.0f} MB of XML"
        )
    print(
        f"ratio baseline/streaming: time {tree['seconds'] / stream['seconds']:.2f}x, "
        f"peak memory {tree['peak_mib'] / stream['peak_mib']:.1f}x "
        f"(whole run {time.perf_counter() - started:.0f} s)"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else IMAGES)
