#!/usr/bin/env bash
# Smoke test of the packaged app: runs target/jpackage/dcgan-explorer/bin/dcgan-explorer, i.e. the
# jlinked runtime, the launcher's .cfg, Main's re-launch with ONEDNN_MAX_CPU_ISA and libtorch.
#
#   bash packaging/smoke-test.sh
#
# Both run with ONEDNN_MAX_CPU_ISA unset, so Main's re-launch of the launcher is exercised.
# (a) CLI: trains 3 tiny steps into a temporary run folder; exit 0 and a checkpoint are required.
# (b) Desktop: opens the window under Xvfb with --screenshot, trains 3 steps, and checks the PNG
#     it writes.
# (c) The shipped demo: `sample --demo` renders from it, and the window opened with --demo
#     --screenshot shows its first face. A build that ships no demo yet says so and skips (c).
# Builds the app-image first when it is missing or its jar differs from target/dcgan-explorer.jar.
# libtorch is extracted to ~/.djl.ai once (about 7 s) and reused afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."

name=dcgan-explorer
image=target/jpackage/$name
launcher=$image/bin/$name
app_jar=$image/lib/app/$name.jar

if [ ! -x "$launcher" ] || [ ! -f "$app_jar" ] \
    || { [ -f target/$name.jar ] && ! cmp -s target/$name.jar "$app_jar"; }; then
    echo "== building the app-image"
    bash packaging/build.sh app-image
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
now() { date +%s.%N; }
took() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f s", b - a }'; }
fail() { echo "FAIL: $*" >&2; exit 1; }


# Width and height of a PNG, from its IHDR chunk.
png_size() {
    local b
    b=($(od -An -tu1 -j16 -N8 "$1"))
    echo "$(( (b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3] ))x$(( (b[4] << 24) | (b[5] << 16) | (b[6] << 8) | b[7] ))"
}

echo "== (a) CLI train, 3 steps, via $launcher"
t0=$(now)
set +e
timeout 600 env -u ONEDNN_MAX_CPU_ISA -u _JPACKAGE_LAUNCHER "$launcher" train --dataset faces:256 --image-size 16 --batch-size 8 --ngf 8 --ndf 8 \
    --steps 3 --run-dir "$tmp/cli" >"$tmp/cli.log" 2>&1
rc=$?
set -e
sed 's/^/    /' "$tmp/cli.log" || true
[ "$rc" = 0 ] || fail "CLI train exited with $rc"
if grep -q "AutoNonVariableTypeMode" "$tmp/cli.log"; then fail "libtorch's deprecation warning reached the console"; fi
[ -d "$tmp/cli/checkpoints/step-000003" ] || fail "no checkpoint $tmp/cli/checkpoints/step-000003"
[ -s "$tmp/cli/checkpoints/step-000003/tensors.bin" ] || fail "checkpoint without tensors.bin"
echo "PASS (a) CLI train: exit 0, checkpoint step-000003 ($(took "$t0"))"

echo "== (b) desktop window under Xvfb, --screenshot after 3 steps"
command -v xvfb-run >/dev/null || fail "xvfb-run is missing (apt-get install xvfb xauth)"
png="$tmp/window.png"
t0=$(now)
set +e
timeout 600 env -u ONEDNN_MAX_CPU_ISA -u _JPACKAGE_LAUNCHER xvfb-run -a -s "-screen 0 1280x1024x24" "$launcher" --screenshot "$png" --train-steps 3 \
    --run-dir "$tmp/ui" --image-size 16 --batch-size 8 --dataset faces:256 >"$tmp/ui.log" 2>&1
rc=$?
set -e
sed 's/^/    /' "$tmp/ui.log" || true
[ "$rc" = 0 ] || fail "desktop --screenshot exited with $rc"
[ -f "$png" ] || fail "no screenshot written"
bytes=$(stat -c %s "$png")
size=$(png_size "$png")
[ "$bytes" -gt 10240 ] || fail "screenshot is only $bytes bytes ($size)"
w=${size%x*}
h=${size#*x}
{ [ "$w" -ge 200 ] && [ "$h" -ge 150 ]; } || fail "screenshot is only $size"
if [ -n "${SMOKE_KEEP_SCREENSHOT:-}" ]; then
    cp "$png" "$SMOKE_KEEP_SCREENSHOT"
fi
echo "PASS (b) desktop screenshot: exit 0, $size PNG, $bytes bytes ($(took "$t0"))"

echo "== (c) the shipped demo: sample --demo, then the window on it"
# The jar's listing, by unzip or the JDK's jar tool, whichever is installed.
list_jar() { unzip -Z1 "$1" 2>/dev/null || jar tf "$1"; }
if ! list_jar "$app_jar" | grep -q "^io/dcganexplorer/demo/demo.json$"; then
    echo "NOTE: this build ships no demo model yet (no io/dcganexplorer/demo/demo.json in $app_jar): (c) skipped"
else
    t0=$(now)
    set +e
    timeout 600 env -u ONEDNN_MAX_CPU_ISA -u _JPACKAGE_LAUNCHER "$launcher" sample --demo --count 16 \
        --out "$tmp/demo.png" >"$tmp/demo.log" 2>&1
    rc=$?
    set -e
    sed 's/^/    /' "$tmp/demo.log" || true
    [ "$rc" = 0 ] || fail "sample --demo exited with $rc"
    [ -s "$tmp/demo.png" ] || fail "sample --demo wrote no PNG"
    echo "PASS (c) sample --demo: exit 0, $(png_size "$tmp/demo.png") PNG ($(took "$t0"))"
    png="$tmp/demo-window.png"
    t0=$(now)
    set +e
    timeout 600 env -u ONEDNN_MAX_CPU_ISA -u _JPACKAGE_LAUNCHER xvfb-run -a -s "-screen 0 1280x1024x24" "$launcher" \
        --demo --screenshot "$png" >"$tmp/demo-ui.log" 2>&1
    rc=$?
    set -e
    sed 's/^/    /' "$tmp/demo-ui.log" || true
    [ "$rc" = 0 ] || fail "desktop --demo --screenshot exited with $rc"
    [ -f "$png" ] || fail "no screenshot of the demo written"
    grep -q "timing: first demo face shown" "$tmp/demo-ui.log" || fail "the window showed no demo face"
    echo "PASS (c) desktop on the demo: exit 0, $(png_size "$png") PNG, $(grep -o 'first demo face shown [0-9]* ms' "$tmp/demo-ui.log") after JVM start ($(took "$t0"))"
fi
echo "smoke test passed"
