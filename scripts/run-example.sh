#!/usr/bin/env bash
# The main job on the example pages: build, validate, one saved query, export Turtle, JSON-LD and framed JSON-LD.
# Usage: scripts/run-example.sh VENV_BIN OUT_DIR
set -euo pipefail
bin="$1"; out="$2"
kg="$bin/kg"
store="$out/kg-store"
mkdir -p "$out"

echo "== kg build examples/pages --store $store"
"$kg" build examples/pages --store "$store"
echo "== kg validate --store $store"
"$kg" validate --store "$store" | tee "$out/validation.txt"
echo "== kg query run budget-by-region-year --store $store"
"$kg" query run budget-by-region-year --store "$store" | tee "$out/budget-by-region-year.txt"
echo "== kg export"
"$kg" export --format turtle -o "$out/graph.ttl" --store "$store"
"$kg" export --format jsonld -o "$out/graph.jsonld" --store "$store"
"$kg" export --format jsonld-framed -o "$out/projects.jsonld" --store "$store"
"$kg" stats --store "$store"
cat <<DONE

Outputs:
  store                 $store
  validation report     $out/validation.txt
  query result          $out/budget-by-region-year.txt
  Turtle                $out/graph.ttl
  JSON-LD               $out/graph.jsonld
  framed JSON-LD        $out/projects.jsonld
Browse it:  $kg serve --store $store   (then open http://127.0.0.1:8000/)
DONE
