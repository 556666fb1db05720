#!/usr/bin/env bash
# Makes the Linux app image's class-data-sharing archive, lib/app/NAME.jsa, with a training run of its launcher: the
# app starts, draws its window, shows its results and quits, and the JVM writes every class it loaded (beyond the
# runtime's own archive of JDK classes, lib/runtime/lib/server/classes.jsa) into the archive
# (-XX:ArchiveClassesAtExit). The launcher maps it at each start (-XX:SharedArchiveFile in lib/app/NAME.cfg), so the
# classes are not read, parsed and verified again. packaging/app-image.xml runs this after jpackage.
# The window needs a display: xvfb-run (apt-get install xvfb) or DISPLAY. Without either, or when the window's run
# writes no archive, the training run is a command-line estimate, and the archive holds only what that loads (the
# start of the window gains less). When no run writes an archive the image goes without one: the launcher's option
# is taken out (the JVM would otherwise map no archive at all, not even the runtime's) and the build goes on.
# Usage: packaging/cds-archive.sh IMAGE_DIR
set -euo pipefail
image=${1:?usage: cds-archive.sh IMAGE_DIR}
name=$(basename "$image")
launcher=$image/bin/$name
archive=$image/lib/app/$name.jsa
base=$image/lib/runtime/lib/server/classes.jsa
if [ ! -f "$base" ]; then
    sed -i '/^java-options=-XX:SharedArchiveFile=/d' "$image/lib/app/$name.cfg"
    echo "cds-archive: warning: $base is missing (jlink --generate-cds-archive makes it); the image has no archive" >&2
    exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -f "$archive"
# _JAVA_OPTIONS comes after the launcher's own options, so its -XX:SharedArchiveFile (the runtime's archive, the base
# of the new one) wins over the cfg's (the archive being made). A fresh settings folder: the first start of a user.
export _JAVA_OPTIONS="-XX:SharedArchiveFile=$base -XX:ArchiveClassesAtExit=$archive
 -Dfinetuneplanner.settings=$work/settings -Dfinetuneplanner.startupProbe=true
 -Dfinetuneplanner.exitAfterFirstFrame=true"
_JAVA_OPTIONS=$(echo $_JAVA_OPTIONS)
how=""
# grep reads all of ldconfig's list: with pipefail, grep -q would stop early and the pipe's SIGPIPE fail the test.
if command -v xvfb-run > /dev/null && ldconfig -p | grep 'libgtk-3.so.0' > /dev/null; then
    how="the window under xvfb-run"
    xvfb-run -a -s "-screen 0 1440x900x24" "$launcher" > "$work/out" 2>&1 || true
elif [ -n "${DISPLAY:-}" ]; then
    how="the window on DISPLAY=$DISPLAY"
    "$launcher" > "$work/out" 2>&1 || true
fi
if [ ! -s "$archive" ]; then
    if [ -n "$how" ]; then
        echo "cds-archive: the training run ($how) wrote no archive; it printed:" >&2
        head -10 "$work/out" >&2
    fi
    how="a command-line estimate without a display, which leaves the window's classes out"
    cat > "$work/scenario.json" <<'JSON'
{ "format": "finetune-plan/1", "model": { "preset": "llama-3.1-8b" }, "method": { "type": "qlora", "rank": 16 },
  "hardware": { "gpu": "l40s-48gb" }, "data": { "tokens": 50000000 } }
JSON
    "$launcher" estimate "$work/scenario.json" > "$work/out" 2>&1 || true
fi
if [ ! -s "$archive" ]; then
    rm -f "$archive"
    sed -i '/^java-options=-XX:SharedArchiveFile=/d' "$image/lib/app/$name.cfg"
    echo "cds-archive: warning: the training run ($how) wrote no archive, so the image has none (it starts" \
        "with the runtime's archive of JDK classes only); it printed:" >&2
    head -10 "$work/out" >&2
    exit 0
fi
echo "cds-archive: $archive, $(du -m "$archive" | cut -f1) MB, from $how"
