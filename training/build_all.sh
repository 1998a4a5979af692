#!/usr/bin/env bash
# Rebuild kroniek's Dutch model from ../shared/data and write it to kroniek/models/nl.
#
#   bash training/build_all.sh
#
# Steps: convert the data to training/corpus/*.spacy (git-ignored); train on one thread per run
# with fixed seeds; assemble one pipeline into kroniek/models/nl (replacing what was there); then
# evaluate and benchmark it into kroniek/models/nl/MODEL_CARD.md. Training outputs and logs stay
# under training/output/ (git-ignored). About an hour on two free cores.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-}"
if [ -z "$PY" ]; then
  if [ -x .venv/bin/python ]; then PY=.venv/bin/python; else PY=python; fi
fi
# One thread per process and a fixed hash seed: the build is deterministic on one machine.
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 BLIS_NUM_THREADS=1 PYTHONHASHSEED=0

"$PY" -m training.convert
mkdir -p training/output
train() {  # train NAME: training/NAME.cfg -> training/output/NAME (log in training/output/NAME.log)
  "$PY" -m spacy train "training/$1.cfg" --output "training/output/$1" --system.seed 0 \
    > "training/output/$1.log" 2>&1 || { echo "training $1 failed, see training/output/$1.log" >&2; return 1; }
}
# The UD and NER runs are independent: side by side, one core each.
train ud & ud_pid=$!
train ner & ner_pid=$!
wait "$ud_pid"
wait "$ner_pid"
"$PY" -m training.assemble
"$PY" -m training.model_card
du -sh kroniek/models/nl
