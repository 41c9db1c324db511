#!/bin/sh
# One world end to end: generate, ingest, run, score.  usage: run.sh SEED OUTDIR [generate.py options]
set -e
seed=$1; out=$2; shift 2
here=$(cd "$(dirname "$0")" && pwd)
zfs="dotnet $here/../../src/ZorgfraudeSignalen.App/bin/Release/net10.0/zfs.dll"
rm -rf "$out"
python3 "$here/generate.py" --out "$out" --seed "$seed" "$@"
$zfs ingest "$out/extracts" --store "$out/store" > "$out/ingest.txt"
$zfs run --store "$out/store" --uit "$out/risicolijst.csv" --top 0 > "$out/run.txt"
python3 "$here/score.py" --list "$out/risicolijst.csv" --truth "$out/truth.csv" > "$out/score.txt"
python3 "$here/score.py" --list "$out/risicolijst.csv" --truth "$out/truth.csv" --summary
