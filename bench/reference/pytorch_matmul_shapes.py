#!/usr/bin/env python3
"""PyTorch half of bench/node-matmul-shapes.mjs: the 11 matrix products of the reference CVAE's gradient
pass (argv[2] is their JSON list: [m, k, n, transpose_a, transpose_b]), each timed alone, 1 thread.
Prints {"ms": [median ms per product]} as JSON."""
import json
import statistics
import sys
import time

import torch

torch.set_num_threads(1)
rounds = int(sys.argv[1])
shapes = json.loads(sys.argv[2])
out = []
for m, k, n, ta, tb in shapes:
    a = torch.randn(k, m) if ta else torch.randn(m, k)
    b = torch.randn(n, k) if tb else torch.randn(k, n)
    f = lambda: torch.mm(a.t() if ta else a, b.t() if tb else b)
    for _ in range(20):
        f()
    times = []
    for _ in range(rounds):
        t = time.perf_counter()
        f()
        times.append((time.perf_counter() - t) * 1000)
    out.append(statistics.median(times))
print(json.dumps({"ms": out}))
