#!/usr/bin/env bash
# Every density figure of docs/density.md, one after another, in one hold of the shared heavy-job lock
# (each step writes runs/density/<figure>.json, so a cut-off run keeps what it finished). Models come
# from bench/density/train-models.sh (run here first; existing models are kept).
# Usage: bench/density/figures.sh [step ...]   steps: classify-fashion impute train-mnist classify-mnist inpaint ood label-noise
set -uo pipefail
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-runs/density}
STEPS=${*:-train-mnist classify-mnist classify-fashion impute inpaint ood label-noise}
flock "${LOCK:-/work/heavy.lock}" bash -c "
  cd '$PWD'
  for step in $STEPS; do
    echo \"[figures] \$step start \$(date -u +%T) load \$(cut -d' ' -f1-3 /proc/loadavg)\"
    case \$step in
      classify-fashion) LOCK=none bench/density/train-models.sh fashion-mnist && node bench/density/classify.mjs --datasets fashion-mnist > $RUNS/classify-fashion-mnist.json ;;
      impute) node bench/density/impute.mjs > $RUNS/impute.json ;;
      train-mnist) LOCK=none bench/density/train-models.sh mnist ;;
      classify-mnist) node bench/density/classify.mjs --datasets mnist --baseline-epochs 0 > $RUNS/classify-mnist.json ;;
      inpaint) node bench/density/inpaint.mjs > $RUNS/inpaint.json ;;
      ood) node bench/density/ood.mjs --n 2000 --k 10 > $RUNS/ood.json ;;
      label-noise) node bench/density/label-noise.mjs > $RUNS/label-noise.json ;;
    esac
    echo \"[figures] \$step done \$(date -u +%T) load \$(cut -d' ' -f1-3 /proc/loadavg)\"
  done
"
