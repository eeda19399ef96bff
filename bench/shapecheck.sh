#!/usr/bin/env bash
# shapecheck.sh GETVPNC_OUT BASELINE_OUT PASSFILE: the check bench/compare.sh
# runs (through measure -check) before it trusts a ratio: both trees have the
# same shape (key server scripts, member scripts, review copies, key
# bundles, manifest.json), their sizes are printed, the baseline's bundles
# decrypt with the passphrase (openssl rsa -passin file:, a sample of at most
# 20), and no review copy or manifest of either tree holds a secret (the
# pre-shared keys in COOP_PSK / MEMBERS_PSK and the passphrase).
set -euo pipefail
g=$1 b=$2 pass=$3

count() { if [[ -d $1 ]]; then find "$1" -maxdepth 1 -type f -name "$2" | wc -l; else echo 0; fi; }
shape() {
	printf 'ks=%s gm=%s review/ks=%s review/gm=%s keys=%s manifest=%s' \
		"$(count "$1" '*.ios')" "$(count "$1/gm" '*.ios')" \
		"$(count "$1/review" '*.ios')" "$(count "$1/review/gm" '*.ios')" \
		"$(count "$1/keys" '*.pem')" "$(count "$1" manifest.json)"
}
bytes() { find "$1" -type f -printf '%s\n' | awk '{s += $1; n++} END {printf "%d files, %d bytes", n, s}'; }

sg=$(shape "$g") sb=$(shape "$b")
echo "    shape  getvpnc:  $sg; $(bytes "$g")"
echo "    shape  baseline: $sb; $(bytes "$b")"
if [[ $sg != "$sb" ]]; then
	echo "    shape check FAILED: the trees differ in shape" >&2
	exit 1
fi

mapfile -t bundles < <(find "$b/keys" -name '*.pem' | sort)
step=$(((${#bundles[@]} + 19) / 20))
checked=0
for ((i = 0; i < ${#bundles[@]}; i += step)); do
	openssl rsa -in "${bundles[i]}" -passin "file:$pass" -noout -check >/dev/null 2>&1 || {
		echo "    shape check FAILED: ${bundles[i]} does not decrypt with the passphrase" >&2
		exit 1
	}
	checked=$((checked + 1))
done
echo "    baseline bundles: $checked of ${#bundles[@]} decrypt with openssl rsa -passin file:"

patterns=$(mktemp)
trap 'rm -f "$patterns"' EXIT
chmod 600 "$patterns"
{ cat "$pass"; printf '%s\n' "${COOP_PSK:-}" "${MEMBERS_PSK:-}"; } | grep -v '^$' >"$patterns" || true
for t in "$g" "$b"; do
	if grep -rqF -f "$patterns" "$t/review" "$t/manifest.json"; then
		echo "    shape check FAILED: a secret is in $t/review or $t/manifest.json" >&2
		exit 1
	fi
done
echo "    no secret in either tree's review copies or manifest"
