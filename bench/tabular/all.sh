#!/bin/sh
# Every tabular figure of docs/tabular.md, in priority order (heavy: a figure job). One command: /work/notes/figure.sh tabular sh bench/tabular/all.sh
set -e
cd "$(dirname "$0")/../.."
echo "[tabular] start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
node bench/tabular/quality.mjs penguins,cars 0
node bench/tabular/given.mjs runs/tab-penguins-s0 Island Dream 0 > bench/results/tabular/given-penguins.json || true
node bench/tabular/oversample.mjs runs/tab-cars-s0 0 > bench/results/tabular/oversample-cars.json || true
echo "[tabular] penguins, cars done $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
node bench/tabular/quality.mjs birdstrikes,movies 0
# Before --continuous auto (the previous default) on the table it changes: docs/tabular.md's before/after.
TAG=modes node bench/tabular/quality.mjs birdstrikes 0 --continuous modes
# Movies before the skew rule (its money columns as mixtures, as under the misfit-only auto) and cars' utility spread.
TAG=modes node bench/tabular/quality.mjs movies 0 --continuous modes
node bench/tabular/utility-spread.mjs runs/tab-cars-s0 10 5 > bench/results/tabular/utility-spread-cars.json || true
node bench/tabular/given.mjs runs/tab-birdstrikes-s0 "Phase of flight" Approach 0 > bench/results/tabular/given-birdstrikes.json || true
echo "[tabular] seed 0 done $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
node bench/tabular/quality.mjs penguins,cars,birdstrikes,movies 1,2
echo "[tabular] done $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
