#!/usr/bin/env bash
# Checks the Linux app image that `mvn -Ppackage package` built: its launcher runs the command line
# (plan --help, one estimate), says in one line that the desktop app needs a display when there is none (exit 4),
# and, where xvfb-run and GTK 3 are installed, opens the app's window.
# Usage: packaging/check-image.sh [IMAGE_DIR]      (default target/package/finetune-planner)
set -euo pipefail
cd "$(dirname "$0")/.."
image=${1:-target/package/finetune-planner}
name=$(basename "$image")
launcher=$image/bin/$name
if [ ! -x "$launcher" ]; then
    echo "check-image: no launcher at $launcher; build the image first: mvn -B -Ppackage package -DskipTests" >&2
    exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0
passed=0

# expect NAME CODE WORD COMMAND...: the command exits with CODE and prints WORD (standard output or error).
expect() {
    local what=$1 code=$2 word=$3
    shift 3
    local rc=0
    "$@" > "$work/out" 2>&1 < /dev/null || rc=$?
    if [ "$rc" -eq "$code" ] && grep -q -- "$word" "$work/out"; then
        echo "ok   $what (exit $rc)"
        passed=$((passed + 1))
    else
        echo "FAIL $what: exit $rc (expected $code), output (expected to contain '$word'):" >&2
        head -20 "$work/out" >&2
        failed=$((failed + 1))
    fi
}

cat > "$work/scenario.json" <<'EOF'
{
  "format": "finetune-plan/1",
  "name": "image check",
  "model": { "preset": "llama-3.1-8b" },
  "method": { "type": "qlora", "rank": 16 },
  "hardware": { "gpu": "l40s-48gb" },
  "data": { "tokens": 50000000 }
}
EOF

expect "plan --help" 0 "Usage: $name plan" "$launcher" plan --help
expect "estimate" 0 '"peak_reserved"' "$launcher" estimate "$work/scenario.json"
expect "estimate of a missing file" 3 "error:" "$launcher" estimate "$work/missing.json"
# Vietnamese number formats live in jdk.localedata, which no class names: jdeps cannot see that the app needs it.
jimage=$(command -v jimage || true)
if [ -n "$jimage" ]; then
    expect "Vietnamese locale data in the runtime" 0 "cldr/ext/FormatData_vi.class" \
        "$jimage" list "$image/lib/runtime/lib/modules"
fi
# The archive the launcher names (packaging/cds-archive.sh) is mapped: the app's classes come from it. Java 25: the
# ahead-of-time cache (one static archive); Java 17: the top layer of the dynamic archive.
cfg=$image/lib/app/$name.cfg
if grep -q '^java-options=-XX:AOTCache=' "$cfg"; then
    expect "app classes from the ahead-of-time cache" 0 "org.finetuneplanner.Launcher source: shared objects file" \
        env JAVA_TOOL_OPTIONS=-Xlog:class+load=info "$launcher" plan --help
elif grep -q '^java-options=-XX:SharedArchiveFile=' "$cfg"; then
    expect "classes from the app's class-data archive" 0 "shared objects file (top)" \
        env JAVA_TOOL_OPTIONS=-Xlog:class+load=info "$launcher" plan --help
else
    echo "skip the class-data archive check: the image has none (packaging/cds-archive.sh said why when it was built)"
fi
# Without a display (and, on a machine without GTK 3, without GTK): one line, exit 4.
expect "no arguments, no display" 4 "error: the desktop app could not start: it needs" env -u DISPLAY -u WAYLAND_DISPLAY "$launcher"

# The window: the JavaFX modules linked into the runtime start the app under a virtual display.
# grep reads all of ldconfig's list: with pipefail, grep -q would stop early and the pipe's SIGPIPE fail the test.
if command -v xvfb-run > /dev/null && command -v xwininfo > /dev/null \
        && ldconfig -p | grep 'libgtk-3.so.0' > /dev/null; then
    cat > "$work/window.sh" <<'EOF'
#!/usr/bin/env bash
# Inside xvfb-run: start the app, wait up to 90 s for its window, keep what it printed until 3 s after the window
# showed (the start, with the report warm-up behind it), then end it. The kill is not a user's way out: JavaFX may
# print a RejectedExecutionException when SIGTERM stops its renderer during a frame, so that part is not kept.
"$1" > "$2.all" 2>&1 &
app=$!
found=1
for _ in $(seq 180); do
    if xwininfo -root -tree 2>/dev/null | grep -q 'Fine-Tune Planner'; then found=0; break; fi
    if ! kill -0 "$app" 2>/dev/null; then break; fi
    sleep 0.5
done
sleep 3
cp "$2.all" "$2"
kill "$app" 2>/dev/null || true
wait "$app" 2>/dev/null || true
if [ "$found" -eq 0 ]; then echo "window: Fine-Tune Planner"; fi
exit "$found"
EOF
    expect "no arguments: the window opens" 0 "window: Fine-Tune Planner" \
        env XDG_CONFIG_HOME="$work/config" xvfb-run -a -s "-screen 0 1280x800x24" \
        bash "$work/window.sh" "$(cd "$(dirname "$launcher")" && pwd)/$name" "$work/app.log"
    if [ -s "$work/app.log" ]; then
        echo "FAIL the app printed at start (a warning a user could take for an error):" >&2
        head -20 "$work/app.log" >&2
        failed=$((failed + 1))
    fi
else
    echo "skip the window check: it needs xvfb-run, xwininfo and GTK 3 (apt-get install xvfb x11-utils libgtk-3-0)"
fi

size=$(du -sm "$image" | cut -f1)
echo "image: $size MB in $image"
# Issue 14: the image stays under 150 MB (the Java 25 image's ahead-of-time cache grows with the classes a start loads).
if [ "$size" -lt 150 ]; then
    echo "ok   image under 150 MB"
    passed=$((passed + 1))
else
    echo "FAIL the image is $size MB, over 150 MB (packaging/README.md lists what it holds)" >&2
    failed=$((failed + 1))
fi
# Not "N passed, N failed": CI reads that form as the test count, which is surefire's.
if [ "$failed" -eq 0 ]; then
    echo "check-image: all $passed checks passed"
else
    echo "check-image: $failed of $((passed + failed)) checks failed" >&2
    exit 1
fi
