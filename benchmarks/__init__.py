"""Speed and memory benchmarks: scripts that print figures and ratios against a baseline
measured in the same run. ``make bench`` runs them all; ``python -m benchmarks NAME`` one."""
