#!/usr/bin/env bash
# Regenerates the pictures of docs/cli.md with the commands it shows, from the quick-start model.
# Usage: npm start (or any run), then: bash scripts/cli-doc-images.sh [RUN_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
run="${1:-runs/quickstart}"
model="$run/model"
out=docs/cli
mkdir -p "$out"
cp "$run/loss.png" "$out/loss.png"
npx cvae sample --model "$model" --out "$out/samples.png"
npx cvae reconstruct --model "$model" --n 10 --out "$out/reconstruct.png"
npx cvae interpolate --model "$model" --from 0 --to 1 --steps 10 --out "$out/interpolate.png"
npx cvae latent --model "$model" --n 2000 --out "$out/latent.png"
npx cvae inpaint --model "$model" --mask bottom --n 8 --draws 3 --out "$out/inpaint.png"
