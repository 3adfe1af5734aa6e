#!/usr/bin/env python3
"""PyTorch half of bench/node-step-anatomy.mjs: the reference CVAE step split into forward+backward
and the Adam update (one thread, as PyTorch runs fastest here). Prints one JSON object."""
import json
import statistics
import sys
import time

import torch

from pytorch_cvae import Cvae, batch

steps = int(sys.argv[1]) if len(sys.argv) > 1 else 60
torch.set_num_threads(1)
torch.manual_seed(0)
model = Cvae(400)
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
x, c = batch(128)
parts = {"step": [], "gradients": [], "update": []}
for i in range(50 + steps):
    t0 = time.perf_counter()
    opt.zero_grad()
    model.loss(x, c).backward()
    t1 = time.perf_counter()
    opt.step()
    t2 = time.perf_counter()
    if i >= 50:
        parts["step"].append((t2 - t0) * 1000)
        parts["gradients"].append((t1 - t0) * 1000)
        parts["update"].append((t2 - t1) * 1000)
print(json.dumps({k: statistics.median(v) for k, v in parts.items()}))
