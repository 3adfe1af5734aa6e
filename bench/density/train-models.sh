#!/usr/bin/env bash
# Trains the models the density figures reuse, one at a time under the shared heavy-job lock, with the
# CLI's defaults (`cvae train --dataset D`: 10 epochs, MLP 512-512, z32, learned prior, c at every decoder layer).
# Skips a model that already exists. Usage: bench/density/train-models.sh [mnist] [fashion-mnist]
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-runs/density}
LOCK=${LOCK:-/work/heavy.lock}
for dataset in "${@:-fashion-mnist mnist}"; do
  for d in $dataset; do
    out="$RUNS/$d"
    if [ -f "$out/model/model.json" ]; then echo "[density] $out exists, kept"; continue; fi
    echo "[density] training $d -> $out ($(date -u +%H:%M:%S), load $(cut -d' ' -f1-3 /proc/loadavg))"
    # LOCK=none: the caller already holds the lock (bench/density/figures.sh).
    if [ "$LOCK" = none ]; then node apps/cli/bin/cvae.js train --dataset "$d" --out "$out" --quiet
    else flock "$LOCK" node apps/cli/bin/cvae.js train --dataset "$d" --out "$out" --quiet; fi
  done
done
