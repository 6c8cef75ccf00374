#!/usr/bin/env bash
# Throughput benchmark of `factlint check` at archive scale, against ripgrep
# (the scan ceiling) and quantulum3 (the best-known open extractor), in ONE run
# so that the ratios are measured under the same load.
#
#   bash bench/throughput.sh            # everything (about 5 minutes on 2 cores)
#   RUNS=1 SIZES="10 30" bash bench/throughput.sh   # a quick look
#
# Environment:
#   FACTLINT_BENCH_DIR  where the corpus and rule sets go (default target/perf;
#                       never commit it: the Reuters and BBC texts are for research use)
#   FACTLINT_PERF_DIR   the corpus builder (default ../shared/benchmarks/perf)
#   RUNS                runs per measurement, the median is reported (default 3)
#   SIZES               corpus sizes in MB for the scaling table (default "10 30 100 300")
#   RULESETS            rule counts for the rule scaling table (default "10 100 1000")
#   MAIN_MB, MAIN_RULES the headline measurement (default 100 MB, 200 rules)
#   QUANTULUM           0 to skip quantulum3 (default 1)
#
# Prints Markdown tables; also writes them to $FACTLINT_BENCH_DIR/results.md.
set -euo pipefail
cd "$(dirname "$0")/.."

BENCH=${FACTLINT_BENCH_DIR:-target/perf}
PERF=${FACTLINT_PERF_DIR:-../shared/benchmarks/perf}
RUNS=${RUNS:-3}
SIZES=${SIZES:-"10 30 100 300"}
RULESETS=${RULESETS:-"10 100 1000"}
MAIN_MB=${MAIN_MB:-100}
MAIN_RULES=${MAIN_RULES:-200}
QUANTULUM=${QUANTULUM:-1}
CORES=$(nproc)

die() { echo "error: $*" >&2; exit 2; }
command -v rg >/dev/null || die "ripgrep (rg) is needed: \`cargo install ripgrep\` or \`apt-get install ripgrep\`"
[ -x /usr/bin/time ] || die "GNU time is needed for peak memory: \`apt-get install time\`"
command -v python3 >/dev/null || die "python3 is needed (rule generator, corpus builder)"
[ -f "$PERF/build_corpus.sh" ] || die "corpus builder not found at $PERF (set FACTLINT_PERF_DIR)"

cargo build --release --quiet
BIN=target/release/factlint
mkdir -p "$BENCH"
OUT="$BENCH/results.md"
: > "$OUT"
say() { echo "$*" | tee -a "$OUT"; }

# --- corpus: the largest size once, smaller ones as prefixes (hard links) ---
largest=$(printf '%s\n' $SIZES "$MAIN_MB" | sort -n | tail -1)
# A corpus built earlier at least as large will do: smaller ones are its prefixes.
for m in "$BENCH"/c*.manifest.tsv; do
  [ -f "$m" ] || continue
  n=$(basename "$m" .manifest.tsv); n=${n#c}
  [ "$n" -ge "$largest" ] && largest=$n && break
done
if [ ! -f "$BENCH/c$largest.manifest.tsv" ]; then
  echo "building a $largest MB corpus in $BENCH/c$largest (fetched once, cached in ~/.cache/perf-corpus)…" >&2
  bash "$PERF/build_corpus.sh" "$BENCH/c$largest" "$largest" --or-synthetic >&2
fi
prefix() {  # MB: hard-link the first files of the largest corpus up to MB
  local mb=$1 dir="$BENCH/c$1"
  [ "$mb" = "$largest" ] || [ -f "$dir.ok" ] && return 0
  rm -rf "$dir" && mkdir -p "$dir"
  awk -v lim=$((mb * 1000000)) 'NR>1 { s += $5; if (s > lim) exit; print $1 }' \
    "$BENCH/c$largest.manifest.tsv" | (cd "$BENCH/c$largest" && xargs ln -t "../c$mb")
  touch "$dir.ok"
}
for mb in $SIZES "$MAIN_MB" 1; do prefix "$mb"; done
bytes() { find "$BENCH/c$1" -name '*.txt' -printf '%s\n' | awk '{s += $1} END {print s}'; }

# --- rule sets ---
for n in $RULESETS "$MAIN_RULES"; do
  [ -d "$BENCH/rules-$n" ] || python3 bench/gen_rules.py "$n" "$BENCH/rules-$n"
done

# --- measuring: median of RUNS, spread as (max-min)/median ---
# measure NAME CMD...  → sets WALL (s), CPU (user + system, s), RSS (MB), SPREAD (%)
# CPU time is what the process itself used: on a shared machine a run also
# waits for a core, which wall time counts and CPU time does not.
measure() {
  local name=$1; shift
  local walls=() rsss=() cpus=()
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f "%e %M %U %S" -o "$BENCH/time.txt" "$@" > /dev/null 2> "$BENCH/stderr.txt" || true
    read -r w r u k < <(tail -1 "$BENCH/time.txt")
    walls+=("$w"); rsss+=("$r"); cpus+=("$(awk -v u="$u" -v k="$k" 'BEGIN { printf "%.2f", u + k }')")
  done
  WALL=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  CPU=$(printf '%s\n' "${cpus[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  RSS=$(printf '%s\n' "${rsss[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/1024}')
  SPREAD=$(printf '%s\n' "${walls[@]}" | sort -n | awk -v m="$WALL" '{a[NR]=$1} END {printf "%.0f", (m > 0 ? 100*(a[NR]-a[1])/m : 0)}')
  echo "  $name: ${walls[*]} s (CPU ${cpus[*]} s) → median $WALL s, CPU $CPU s, $RSS MB" >&2
}
# (Parentheses: in awk, `printf … > x` would redirect to a file.)
mbps() { awk -v b="$1" -v t="$2" 'BEGIN { printf "%.1f", (t > 0 ? b / 1e6 / t : 0) }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

say "## Machine"
say ""
say '```text'
say "$(nproc) cores; $(lscpu | grep -m1 'Model name' | sed 's/  */ /g')"
say "$(free -g | awk '/Mem:/ {print "memory: " $2 " GB"}'); load before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
say "factlint $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(rg --version | head -1), runs per measurement: $RUNS (median)"
say '```'
say ""

# --- headline: MAIN_MB with MAIN_RULES, 1 core and all, against rg ---
C="$BENCH/c$MAIN_MB"; R="$BENCH/rules-$MAIN_RULES"; B=$(bytes "$MAIN_MB")
nfiles=$(find "$C" -name '*.txt' | wc -l)
nkw=$(wc -l < "$R/keywords.txt")
echo "headline: $MAIN_MB MB, $MAIN_RULES rules" >&2
measure "factlint -j1" "$BIN" check "$C" -r "$R" -j1 --format short
F1=$WALL; F1C=$CPU; F1R=$RSS; F1S=$SPREAD
measure "factlint -j$CORES" "$BIN" check "$C" -r "$R" -j"$CORES" --format short
FN=$WALL; FNC=$CPU; FNR=$RSS; FNS=$SPREAD
# What the machine gives with every core busy: CORES one-thread runs at
# once, each over the whole corpus (they share caches, memory bandwidth and,
# on a virtual machine, perhaps a physical core). factlint on CORES threads
# can at best match this.
measure "$CORES factlint -j1 at once" sh -c "for i in \$(seq $CORES); do \"$BIN\" check \"$C\" -r \"$R\" -j1 --format short > /dev/null & done; wait"
P1=$WALL; P1S=$SPREAD
measure "rg -j1" rg -c -i -F -f "$R/keywords.txt" -j1 "$C"
G1=$WALL; G1C=$CPU; G1R=$RSS; G1S=$SPREAD
measure "rg -j$CORES" rg -c -i -F -f "$R/keywords.txt" -j"$CORES" "$C"
GN=$WALL; GNC=$CPU; GNR=$RSS; GNS=$SPREAD
say "## $MAIN_MB MB corpus ($nfiles files), $MAIN_RULES rules ($nkw distinct keywords)"
say ""
say "| command | threads | wall (s) | MB/s | MB/s per core | CPU (s) | MB per CPU-second | peak RSS (MB) | spread |"
say "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
say "| \`factlint check --format short\` | 1 | $F1 | $(mbps "$B" "$F1") | $(mbps "$B" "$F1") | $F1C | $(mbps "$B" "$F1C") | $F1R | ${F1S}% |"
say "| \`factlint check --format short\` | $CORES | $FN | $(mbps "$B" "$FN") | $(mbps "$B" "$(awk -v t="$FN" -v c="$CORES" 'BEGIN{print t*c}')") | $FNC | $(mbps "$B" "$FNC") | $FNR | ${FNS}% |"
say "| \`rg -c -i -F -f keywords.txt\` | 1 | $G1 | $(mbps "$B" "$G1") | $(mbps "$B" "$G1") | $G1C | $(mbps "$B" "$G1C") | $G1R | ${G1S}% |"
say "| \`rg -c -i -F -f keywords.txt\` | $CORES | $GN | $(mbps "$B" "$GN") | $(mbps "$B" "$(awk -v t="$GN" -v c="$CORES" 'BEGIN{print t*c}')") | $GNC | $(mbps "$B" "$GNC") | $GNR | ${GNS}% |"
say ""
say "factlint / rg: **$(ratio "$FN" "$GN")×** on $CORES threads, $(ratio "$F1" "$G1")× on 1; factlint speed-up from 1 to $CORES threads: $(ratio "$F1" "$FN")×."
say ""
PB=$(awk -v b="$B" -v c="$CORES" 'BEGIN { print b * c }')
say "Every core busy with its own 1-thread run ($CORES at once, each over the whole corpus): $P1 s, $(mbps "$PB" "$P1") MB/s in all, $(mbps "$B" "$P1") MB/s per core (spread ${P1S}%). factlint on $CORES threads reaches $(ratio "$P1" "$(awk -v t="$FN" -v c="$CORES" 'BEGIN{print t*c}')") of that (1.00 = as fast as $CORES separate processes)."
say ""
# Per-stage breakdown (CPU time summed over threads) from one 1-thread run.
"$BIN" check "$C" -r "$R" -j1 --format short --timings > /dev/null 2> "$BENCH/stderr.txt" || true
say "Per stage, 1 thread (\`--timings\`):"
say ""
say '```text'
say "$(grep -A5 ' documents, ' "$BENCH/stderr.txt")"
say '```'
say ""

# --- corpus scaling ---
echo "corpus scaling" >&2
say "## Corpus scaling ($MAIN_RULES rules, $CORES threads)"
say ""
say "| corpus | files | wall (s) | MB/s | peak RSS (MB) | spread | time / time(10 MB) per MB |"
say "|---:|---:|---:|---:|---:|---:|---:|"
base_per_mb=""
for mb in $SIZES; do
  measure "factlint c$mb" "$BIN" check "$BENCH/c$mb" -r "$R" --format short
  b=$(bytes "$mb"); per_mb=$(awk -v t="$WALL" -v b="$b" 'BEGIN{print t/(b/1e6)}')
  [ -z "$base_per_mb" ] && base_per_mb=$per_mb
  say "| $mb MB | $(find "$BENCH/c$mb" -name '*.txt' | wc -l) | $WALL | $(mbps "$b" "$WALL") | $RSS | ${SPREAD}% | $(ratio "$per_mb" "$base_per_mb") |"
done
say ""

# --- rule scaling ---
echo "rule scaling" >&2
say "## Rule scaling ($MAIN_MB MB, $CORES threads)"
say ""
say "| rules | keywords | wall (s) | MB/s | peak RSS (MB) | spread | time / time(first) |"
say "|---:|---:|---:|---:|---:|---:|---:|"
first=""
for n in $RULESETS; do
  measure "factlint rules-$n" "$BIN" check "$C" -r "$BENCH/rules-$n" --format short
  [ -z "$first" ] && first=$WALL
  say "| $n | $(wc -l < "$BENCH/rules-$n/keywords.txt") | $WALL | $(mbps "$B" "$WALL") | $RSS | ${SPREAD}% | $(ratio "$WALL" "$first") |"
done
say ""

# --- quantulum3 on a 1 MB slice ---
S="$BENCH/c1"; SB=$(bytes 1)
say "## Against quantulum3 (1 MB slice: $(find "$S" -name '*.txt' | wc -l) files, $SB bytes, 1 thread)"
say ""
measure "factlint check 1 MB" "$BIN" check "$S" -r "$R" -j1 --format short
Q_F=$WALL
# The extractor alone, fed the same text line by line (quantulum3's best case).
python3 - "$S" > "$BENCH/slice.jsonl" <<'PY'
import json, os, sys
d = sys.argv[1]
for i, f in enumerate(sorted(os.listdir(d))):
    for j, line in enumerate(open(os.path.join(d, f), encoding="utf-8")):
        if line.strip():
            print(json.dumps({"id": f"{i}:{j}", "text": line.rstrip("\n")}))
PY
measure "factlint extract --jsonl" sh -c "\"$BIN\" extract --jsonl < \"$BENCH/slice.jsonl\""
Q_E=$WALL
say "| tool | wall (s) | bytes/s | time vs factlint check |"
say "|---|---:|---:|---:|"
say "| \`factlint check\` ($MAIN_RULES rules, whole pipeline) | $Q_F | $(awk -v b="$SB" -v t="$Q_F" 'BEGIN{printf "%d", b/t}') | 1 |"
say "| \`factlint extract --jsonl\` (extractor only, by line) | $Q_E | $(awk -v b="$SB" -v t="$Q_E" 'BEGIN{printf "%d", b/t}') | $(ratio "$Q_E" "$Q_F") |"
if [ "$QUANTULUM" = 1 ] && python3 -c "import quantulum3" 2>/dev/null; then
  cat > "$BENCH/q3.py" <<'PY'
import json, sys, warnings
warnings.filterwarnings("ignore")
from quantulum3 import parser
n = 0
for line in open(sys.argv[1], encoding="utf-8"):
    n += len(parser.parse(json.loads(line)["text"]))
print(n)
PY
  measure "quantulum3 parse() by line" python3 "$BENCH/q3.py" "$BENCH/slice.jsonl"
  say "| quantulum3 \`parse()\` (by line) | $WALL | $(awk -v b="$SB" -v t="$WALL" 'BEGIN{printf "%d", b/t}') | $(ratio "$WALL" "$Q_F") |"
else
  say "| quantulum3 | — | — | not installed or failed to import: \`pip install quantulum3\` |"
fi
say ""
echo "tables written to $OUT" >&2
