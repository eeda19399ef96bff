#!/usr/bin/env bash
# bench/compare.sh [--quick]: issue 10's performance targets, measured in one
# run on this machine. getvpnc is timed against a do-it-yourself baseline
# (bench/baseline: Debian's python3 + PyYAML/libyaml + Jinja2 + openssl) and
# against floors (cp -r, read+hash with find/sha256sum, write+fsync with
# bench/floor) on the same output tree, alternating run by run (bench/measure),
# medians of RUNS runs (default 5). Prints the machine, every case, every
# target with PASS/FAIL and a Markdown table; exits 1 when a target fails,
# 2 when a case could not be measured. See bench/README.md.
#
# Env: RUNS (default 5); OWN100_FRESH_RUNS (default min(RUNS,3)) and
# OWN1000_FRESH_RUNS (default 1): the own-shape fresh cases make 100 and
# 1000 new 2048-bit keys per run (the baseline with one openssl genrsa
# each). BENCH_DIR: where the temp dir goes (default TMPDIR or /tmp): its
# file system decides what an fsync costs. COOP_PSK, MEMBERS_PSK: the specs'
# pre-shared keys (defaults below).
set -euo pipefail

quick=false
case "${1:-}" in
--quick) quick=true ;;
"") ;;
*)
	echo "usage: bash bench/compare.sh [--quick]" >&2
	exit 2
	;;
esac

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
RUNS=${RUNS:-5}
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || { echo "RUNS must be a positive integer" >&2; exit 2; }
OWN100_FRESH_RUNS=${OWN100_FRESH_RUNS:-$((RUNS < 3 ? RUNS : 3))}
OWN1000_FRESH_RUNS=${OWN1000_FRESH_RUNS:-1}
export COOP_PSK=${COOP_PSK:-bench-coop-key-7f3a9c21} MEMBERS_PSK=${MEMBERS_PSK:-bench-member-key-5d8e0b64}
PY=/usr/bin/python3
start_all=$SECONDS

# --- tools -------------------------------------------------------------------
baseline_ready() {
	[[ -x $PY ]] && [[ -x /usr/bin/time ]] && command -v openssl >/dev/null &&
		"$PY" -c 'import yaml, jinja2, sys; sys.exit(0 if yaml.__with_libyaml__ else 1)' 2>/dev/null
}
if ! baseline_ready; then
	echo "installing the baseline's tools: apt-get install -y python3-yaml python3-jinja2 openssl time"
	sudo=()
	[[ $(id -u) -eq 0 ]] || sudo=(sudo)
	"${sudo[@]}" apt-get install -y python3-yaml python3-jinja2 openssl time >/dev/null ||
		{ "${sudo[@]}" apt-get update >/dev/null && "${sudo[@]}" apt-get install -y python3-yaml python3-jinja2 openssl time >/dev/null; }
	baseline_ready || { echo "the baseline needs /usr/bin/python3 with yaml (libyaml) and jinja2, and openssl" >&2; exit 2; }
fi

tmp=$(mktemp -d "${BENCH_DIR:-${TMPDIR:-/tmp}}/getvpnc-compare.XXXXXX")
cleanup() { rm -rf "$tmp"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
bin=$tmp/bin
mkdir -p "$bin"
for cmd in getvpnc:./cmd/getvpnc measure:./bench/measure floor:./bench/floor specgen:./bench/specgen; do
	go build -o "$bin/${cmd%%:*}" "${cmd#*:}"
done
trash=$tmp/trash
mkdir -p "$trash"
pass=$tmp/passphrase
(umask 077 && echo demo-passphrase-1 >"$pass")

# --- machine -----------------------------------------------------------------
echo "== machine"
echo "  nproc:      $(nproc)"
echo "  cpu:        $(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)"
echo "  ram:        $(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
echo "  kernel:     $(uname -srm)"
echo "  go:         $(go version)"
echo "  python:     $("$PY" -c 'import sys, yaml, jinja2; print(sys.executable, sys.version.split()[0], "| PyYAML", yaml.__version__, "libyaml" if yaml.__with_libyaml__ else "NO libyaml", "| Jinja2", jinja2.__version__)')"
echo "  openssl:    $(openssl version)"
echo "  temp dir:   $tmp ($(findmnt -n -o FSTYPE -T "$tmp" 2>/dev/null || stat -f -c %T "$tmp"))"
echo "  runs:       RUNS=$RUNS, own 100 fresh $OWN100_FRESH_RUNS, own 1000 fresh $OWN1000_FRESH_RUNS$($quick && echo ', --quick')"
echo "  baseline:   serial openssl (genrsa, rsa -pubout, rsa -des3 -traditional per key), plain Python writes (no fsync)"
echo "  floor:      bench/floor (Go): every file written anew with an fsync each, then each directory"

# --- results -----------------------------------------------------------------
declare -A wall rss
targets=() # "name|measured|limit|PASS/FAIL/SKIP"
errors=0

# measure_case TITLE ESTIMATE RUNS PREFIX [measure args...]: runs bench/measure,
# prints its lines and keeps wall[PREFIX/side] and rss[PREFIX/side].
measure_case() {
	local title=$1 estimate=$2 runs=$3 prefix=$4 t0=$SECONDS out
	shift 4
	echo
	echo "== $title (runs: $runs; estimate on a 2-core machine: $estimate)"
	if ! out=$("$bin/measure" -runs "$runs" "$@"); then
		echo "    ERROR: the case could not be measured (see above)"
		errors=$((errors + 1))
		return 0
	fi
	grep -v '^RESULT' <<<"$out"
	while IFS=$'\t' read -r _ name median maxrss _; do
		wall[$prefix/$name]=$median
		rss[$prefix/$name]=$maxrss
	done < <(grep '^RESULT' <<<"$out")
	echo "    elapsed $((SECONDS - t0)) s"
}

# target NAME VALUE-EXPR OP LIMIT UNIT: VALUE-EXPR is an awk expression over
# wall[]/rss[] values already substituted; an empty one (case skipped or
# failed) is SKIP or FAIL.
target() {
	local name=$1 value=$2 op=$3 limit=$4 unit=$5 skipped=${6:-false} verdict
	if [[ -z $value ]]; then
		if $skipped; then verdict=SKIP; else verdict=FAIL; fi
		targets+=("$name|not measured|$op $limit$unit|$verdict")
		return
	fi
	verdict=$(awk -v v="$value" -v l="$limit" -v op="$op" 'BEGIN { ok = (op == ">=") ? v >= l : v <= l; print ok ? "PASS" : "FAIL" }')
	targets+=("$name|$(printf '%.4g' "$value")$unit|$op $limit$unit|$verdict")
}
ratio() { # ratio A B: A/B, empty if either is missing
	[[ -n ${1:-} && -n ${2:-} ]] && awk -v a="$1" -v b="$2" 'BEGIN { printf "%.6f", a / b }' || true
}

# gv/bl NAME SPEC OUT: the array NAME holds the getvpnc / baseline command.
gv() { local -n _a=$1; _a=("$bin/getvpnc" compile "$2" -o "$3" --passphrase-file "$pass"); }
bl() { local -n _a=$1; _a=("$PY" "$repo/bench/baseline/baseline.py" "$2" -o "$3" --passphrase-file "$pass"); }
q() { printf '%q' "$1"; } # a path, quoted for measure's prep=/-check (sh -c)
# aside DIR: the prep step of a fresh run, which moves DIR (the previous
# run's tree) into the trash instead of deleting it; the trash goes with the
# temp dir at exit, after the last measurement. Without a journal (this
# machine's ext4), ext4 will not reuse an inode freed in the last 5 s, or 5
# min while its inode-table block is unwritten, and checks every such inode
# before it picks one (recently_deleted in fs/ext4/ialloc.c): a fresh run
# that follows the deletion of the last run's 16000 files spends 2.9 s of
# system time creating its own (measured with perf), a cost of the
# benchmark's clean-up and not of either side.
# The prep then runs sync(1), so each fresh run starts with nothing of
# another side's left to write back: the baseline writes without an
# fsync, and getvpnc's syncfs(2) would otherwise flush the baseline's
# tree with its own (measured: pool 1000 fresh 0.72 s instead of 0.35 s).
aside() { echo "test ! -e $(q "$1") || mv $(q "$1") \"\$(mktemp -d $(q "$trash")/old.XXXXXX)\"; sync"; }
shapecheck() { echo "bash $(q "$repo/bench/shapecheck.sh") $(q "$1") $(q "$2") $(q "$pass")"; }
# skipped CASE MODE: whether --quick leaves the case out (own 100 fresh and
# own 1000: 100 and 1000 new 2048-bit keys per run, minutes for the baseline).
skipped() { $quick && [[ $1 == own1000 || ($1 == own100 && $2 == fresh) ]]; }

# estimates (seconds per round of all sides, fresh and rerun) measured on a 2-core VM
declare -A est=([pool1/fresh]=1 [pool1/rerun]=1 [pool100/fresh]=2 [pool100/rerun]=1 [pool1000/fresh]=3 [pool1000/rerun]=4
	[own1/fresh]=1 [own1/rerun]=1 [own100/fresh]=50 [own100/rerun]=1 [own1000/fresh]=500 [own1000/rerun]=25
	[members8000/fresh]=30 [members8000/rerun]=30)

for shape in pool own; do
	for n in 1 100 1000; do
		c=$shape$n d=$tmp/$c
		mkdir -p "$d"
		"$bin/specgen" "$shape" "$n" >"$d/spec.yaml"
		gv G "$d/spec.yaml" "$d/g"
		bl B "$d/spec.yaml" "$d/b"
		if skipped "$c" rerun; then
			echo
			echo "== $c: skipped (--quick: $n new 2048-bit keys per fresh run)"
			continue
		fi
		runs=$RUNS
		[[ $c == own100 ]] && runs=$OWN100_FRESH_RUNS
		[[ $c == own1000 ]] && runs=$OWN1000_FRESH_RUNS
		if skipped "$c" fresh; then
			echo
			echo "== $c fresh: skipped (--quick: $n new 2048-bit keys per run); the rerun runs on trees made once, untimed"
			"${G[@]}" >/dev/null 2>&1
			"${B[@]}" >/dev/null
			bash "$repo/bench/shapecheck.sh" "$d/g" "$d/b" "$pass"
		else
			extra=()
			[[ $c == pool1000 ]] && extra=(
				::: name=fsync-floor "prep=$(aside "$d/f")" "$bin/floor" "$d/g" "$d/f"
				::: name=cp-r "prep=$(aside "$d/c")" cp -r "$d/g" "$d/c")
			measure_case "$c fresh: getvpnc vs baseline$([[ $c == pool1000 ]] && echo ', write+fsync floor, cp -r')" \
				"$((${est[$c/fresh]} * runs)) s" "$runs" "$c/fresh" -check "$(shapecheck "$d/g" "$d/b")" \
				name=getvpnc "prep=$(aside "$d/g")" "${G[@]}" \
				::: name=baseline "prep=$(aside "$d/b")" "${B[@]}" "${extra[@]}"
		fi
		extra=()
		[[ $c == pool1000 ]] && extra=(
			::: name=check "expect=is up to date" "${G[@]}" --check
			::: name=hash-floor find "$d/g" -type f -exec sha256sum {} +)
		measure_case "$c rerun: getvpnc vs baseline$([[ $c == pool1000 ]] && echo ', --check, read+hash floor')" \
			"$((${est[$c/rerun]} * RUNS)) s" "$RUNS" "$c/rerun" \
			name=getvpnc "expect=is up to date" "${G[@]}" \
			::: name=baseline "${B[@]}" "${extra[@]}"
	done
done

c=members8000 d=$tmp/members8000
mkdir -p "$d"
"$bin/specgen" members 8000 >"$d/spec.yaml"
gv G "$d/spec.yaml" "$d/g"
bl B "$d/spec.yaml" "$d/b"
measure_case "$c (4 key servers) fresh: getvpnc (baseline and write+fsync floor for reference)" "$((${est[$c/fresh]} * RUNS)) s" "$RUNS" "$c/fresh" \
	-check "$(shapecheck "$d/g" "$d/b")" \
	name=getvpnc "prep=$(aside "$d/g")" "${G[@]}" \
	::: name=baseline "prep=$(aside "$d/b")" "${B[@]}" \
	::: name=fsync-floor "prep=$(aside "$d/f")" "$bin/floor" "$d/g" "$d/f"
measure_case "$c (4 key servers) rerun: getvpnc, --check (baseline for reference)" "$((${est[$c/rerun]} * RUNS)) s" "$RUNS" "$c/rerun" \
	name=getvpnc "expect=is up to date" "${G[@]}" \
	::: name=check "expect=is up to date" "${G[@]}" --check \
	::: name=baseline "${B[@]}"

# --- targets -----------------------------------------------------------------
for shape in pool own; do
	for n in 1 100 1000; do
		for mode in rerun fresh; do
			k=$shape$n/$mode skip=false
			skipped "$shape$n" "$mode" && skip=true
			target "$shape $n groups $mode: baseline / getvpnc" "$(ratio "${wall[$k/baseline]:-}" "${wall[$k/getvpnc]:-}")" ">=" 5 x "$skip"
		done
	done
done
target "pool 1000 rerun: getvpnc / read+hash floor" "$(ratio "${wall[pool1000/rerun/getvpnc]:-}" "${wall[pool1000/rerun/hash-floor]:-}")" "<=" 3 x
target "pool 1000 fresh: getvpnc / write+fsync floor" "$(ratio "${wall[pool1000/fresh/getvpnc]:-}" "${wall[pool1000/fresh/fsync-floor]:-}")" "<=" 1.5 x
for mode in rerun fresh; do
	target "members 8000 + 4 KS $mode: wall" "${wall[members8000/$mode/getvpnc]:-}" "<=" 1 " s"
	target "members 8000 + 4 KS $mode: peak RSS" "${rss[members8000/$mode/getvpnc]:-}" "<=" 200 " MiB"
done
target "pool 1000: --check / rerun" "$(ratio "${wall[pool1000/rerun/check]:-}" "${wall[pool1000/rerun/getvpnc]:-}")" "<=" 1.2 x
target "members 8000: --check / rerun" "$(ratio "${wall[members8000/rerun/check]:-}" "${wall[members8000/rerun/getvpnc]:-}")" "<=" 1.2 x
for shape in pool own; do
	for mode in rerun fresh; do
		skip=false
		skipped "$shape"1000 "$mode" && skip=true
		target "$shape 1000 $mode: peak RSS" "${rss[$shape"1000"/$mode/getvpnc]:-}" "<=" 150 " MiB" "$skip"
	done
done

echo
echo "== floors (for reference)"
printf '    pool 1000: cp -r %s s, read+hash %s s, write+fsync %s s\n' "${wall[pool1000/fresh/cp-r]:-n/a}" \
	"${wall[pool1000/rerun/hash-floor]:-n/a}" "${wall[pool1000/fresh/fsync-floor]:-n/a}"

printf '    members 8000 write+fsync %s s (16010 files: what an fsync per file costs here)\n' "${wall[members8000/fresh/fsync-floor]:-n/a}"

echo
echo "== targets"
fails=0
for t in "${targets[@]}"; do
	IFS='|' read -r name value limit verdict <<<"$t"
	printf '  %-4s  %-48s %14s  (target %s)\n' "$verdict" "$name" "$value" "$limit"
	[[ $verdict == FAIL ]] && fails=$((fails + 1))
done

echo
echo "== Markdown (for docs/performance.md)"
echo
echo "Measured by \`bash bench/compare.sh$($quick && echo ' --quick')\` ($(date -u +%Y-%m-%d)), $(nproc) cores, $(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo), $(findmnt -n -o FSTYPE -T "$tmp" 2>/dev/null || echo '?'); medians of $RUNS runs (own 100 fresh: $OWN100_FRESH_RUNS, own 1000 fresh: $OWN1000_FRESH_RUNS), getvpnc and the other side alternating."
echo
echo "| case | getvpnc | other side | ratio / value | target | result |"
echo "|---|---|---|---|---|---|"
row() { # row CASE PREFIX OTHER TARGET-INDEX
	local g=${wall[$2/getvpnc]:-} o=${wall[$2/$3]:-} gr=${rss[$2/getvpnc]:-}
	IFS='|' read -r _ value limit verdict <<<"${targets[$4]}"
	printf '| %s | %s | %s | %s | %s | %s |\n' "$1" "${g:+$(printf '%.3f s, %.0f MiB' "$g" "$gr")}" \
		"${o:+$(printf '%s %.3f s' "$3" "$o")}" "$value" "$limit" "$verdict"
}
i=0
for shape in pool own; do
	for n in 1 100 1000; do
		for mode in rerun fresh; do
			row "$shape $n groups, $mode" "$shape$n/$mode" baseline $i
			i=$((i + 1))
		done
	done
done
row "pool 1000, rerun vs read+hash" pool1000/rerun hash-floor $((i++))
row "pool 1000, fresh vs write+fsync" pool1000/fresh fsync-floor $((i++))
row "members 8000 + 4 KS, rerun" members8000/rerun baseline $((i++))
row "members 8000 + 4 KS, rerun RSS" members8000/rerun baseline $((i++))
row "members 8000 + 4 KS, fresh" members8000/fresh baseline $((i++))
row "members 8000 + 4 KS, fresh RSS" members8000/fresh baseline $((i++))
row "pool 1000, --check vs rerun" pool1000/rerun check $((i++))
row "members 8000, --check vs rerun" members8000/rerun check $((i++))
for shape in pool own; do
	for mode in rerun fresh; do
		row "$shape 1000, $mode, peak RSS" "$shape"1000/$mode baseline $((i++))
	done
done

echo
echo "total elapsed $((SECONDS - start_all)) s; $fails target(s) failed, $errors case(s) not measured"
((errors == 0)) || exit 2
((fails == 0)) || exit 1
