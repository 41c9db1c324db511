#!/bin/sh
# The risk run again on worlds already generated and ingested by run.sh, with the build at hand: one summary line a
# world, so that two builds can be compared on the same stores.  usage: rescore.sh TAG DIR...
# (TAG names the list written beside each world: DIR/lijst-TAG.csv)
set -e
tag=$1; shift
here=$(cd "$(dirname "$0")" && pwd)
zfs="dotnet $here/../../src/ZorgfraudeSignalen.App/bin/Release/net10.0/zfs.dll"
for dir in "$@"; do
  $zfs run --store "$dir/store" --uit "$dir/lijst-$tag.csv" --top 0 > "$dir/run-$tag.txt"
  echo "$dir $(python3 "$here/score.py" --list "$dir/lijst-$tag.csv" --truth "$dir/truth.csv" --summary)"
done
