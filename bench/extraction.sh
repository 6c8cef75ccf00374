#!/usr/bin/env bash
# Runs the extraction benchmark: every gold file through the extractor, then
# the benchmark's scorer. Prints the table for all cases and for dates without
# the `holiday` tag, and the exact-case accuracy on negative cases.
#
#   bash bench/extraction.sh            # print the tables
#   bash bench/extraction.sh --check    # also fail if below bench/extraction-floor.json
#   bash bench/extraction.sh --errors   # also write misses to target/extraction/errors.jsonl
#
# The gold files live beside the repository (../shared/benchmarks/extraction,
# or $FACTLINT_GOLD). $FACTLINT_EXTRACT_BIN overrides the extractor binary
# (default: the release build of examples/extract_jsonl).
set -euo pipefail
cd "$(dirname "$0")/.."

check=0
errors=0
for arg in "$@"; do
  case "$arg" in
    --check) check=1 ;;
    --errors) errors=1 ;;
    *) echo "usage: $0 [--check] [--errors]" >&2; exit 2 ;;
  esac
done

gold=${FACTLINT_GOLD:-../shared/benchmarks/extraction}
if [[ ! -f "$gold/score.py" ]]; then
  echo "extraction benchmark not found at $gold" >&2
  exit 2
fi
bin=${FACTLINT_EXTRACT_BIN:-}
if [[ -z "$bin" ]]; then
  cargo build --release --quiet --example extract_jsonl
  bin=target/release/examples/extract_jsonl
fi

out=target/extraction
mkdir -p "$out"
cat "$gold"/*.jsonl | "$bin" > "$out/pred.jsonl"

err_args=()
if [[ $errors == 1 ]]; then
  err_args=(--errors "$out/errors.jsonl")
fi
python3 "$gold/score.py" --pred "$out/pred.jsonl" --title "all cases" --json "$out/all.json" "${err_args[@]}"
echo
python3 "$gold/score.py" --pred "$out/pred.jsonl" --no-tag holiday --categories date \
  --title "date without the holiday tag" --json "$out/date-no-holiday.json"
echo

python3 - "$gold" "$out" "$check" <<'PY'
import glob, json, os, sys
gold, out, check = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
pred = {}
for line in open(os.path.join(out, "pred.jsonl"), encoding="utf-8"):
    rec = json.loads(line)
    if "id" in rec:
        pred[rec["id"]] = rec.get("mentions") or []
neg = ok = 0
for path in sorted(glob.glob(os.path.join(gold, "*.jsonl"))):
    for line in open(path, encoding="utf-8"):
        case = json.loads(line)
        if case.get("expected") == []:
            neg += 1
            ok += not [m for m in pred.get(case["id"], []) if m.get("kind") == case["category"]]
neg_exact = ok / neg if neg else 1.0
print(f"negative cases: {ok}/{neg} exact ({neg_exact:.3f})")
allm = json.load(open(os.path.join(out, "all.json")))["metrics"]
nohol = json.load(open(os.path.join(out, "date-no-holiday.json")))["metrics"]
current = {k.split("/")[1]: v["f1"] for k, v in allm.items() if k.startswith("all/") and k != "all/all"}
current["date_no_holiday"] = nohol["all/date"]["f1"]
current["negative_exact"] = neg_exact
json.dump(current, open(os.path.join(out, "current.json"), "w"), indent=1, sort_keys=True)
if check:
    floor = json.load(open("bench/extraction-floor.json"))
    bad = [(k, current.get(k) or 0.0, f) for k, f in floor.items() if (current.get(k) or 0.0) + 1e-9 < f]
    for k, c, f in bad:
        print(f"REGRESSION: {k} = {c:.3f} is below the floor {f:.3f}")
    if bad:
        sys.exit(1)
    print("all categories at or above the floor (bench/extraction-floor.json)")
PY
