#!/usr/bin/env bash
# Makes the Linux app image's class-data archive with a training run of its launcher: the app starts, draws its
# window, shows its results and quits, and the JVM keeps what the start loaded, so that the next starts do not read,
# parse and verify those classes again. packaging/app-image.xml runs this after jpackage.
# - Java 25 or newer in the image: an ahead-of-time cache, lib/app/NAME.aot (-XX:AOTCacheOutput, JEP 483/514/515:
#   the classes of the JDK, JavaFX and the app, loaded and linked, with the method profiles of the training run).
#   When it is made, the launcher is told to map it (a line -XX:AOTCache in lib/app/NAME.cfg) and the runtime's own
#   archives of JDK classes (lib/runtime/lib/server/classes*.jsa), which the cache replaces, are removed.
# - Java 17: a dynamic archive, lib/app/NAME.jsa (-XX:ArchiveClassesAtExit), on top of the runtime's archive of JDK
#   classes, lib/runtime/lib/server/classes.jsa; the launcher maps it (-XX:SharedArchiveFile in lib/app/NAME.cfg).
# The window needs a display: xvfb-run (apt-get install xvfb) or DISPLAY. Without either, or when the window's run
# writes nothing, the training run is a command-line estimate, and the archive holds only what that loads (the start
# of the window gains less). When no run writes an archive the image goes without one (the Java 17 launcher's option
# is taken out: the JVM would otherwise map no archive at all, not even the runtime's) and the build goes on.
# Usage: packaging/cds-archive.sh IMAGE_DIR
set -euo pipefail
image=${1:?usage: cds-archive.sh IMAGE_DIR}
name=$(basename "$image")
launcher=$image/bin/$name
cfg=$image/lib/app/$name.cfg
base=$image/lib/runtime/lib/server/classes.jsa
feature=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$image/lib/runtime/release")
if [ "${feature:-0}" -ge 25 ]; then
    archive=$image/lib/app/$name.aot
    kind="ahead-of-time cache"
    # The training run writes its configuration, then a child JVM assembles the cache from it at exit (JEP 514).
    record="-XX:AOTCacheOutput=$archive"
else
    archive=$image/lib/app/$name.jsa
    kind="class-data archive"
    # _JAVA_OPTIONS comes after the launcher's own options, so its -XX:SharedArchiveFile (the runtime's archive, the
    # base of the new one) wins over the cfg's (the archive being made).
    record="-XX:SharedArchiveFile=$base -XX:ArchiveClassesAtExit=$archive"
fi
if [ "${feature:-0}" -lt 25 ] && [ ! -f "$base" ]; then
    sed -i '/^java-options=-XX:SharedArchiveFile=/d' "$cfg"
    echo "cds-archive: warning: $base is missing (jlink --generate-cds-archive makes it); the image has no archive" >&2
    exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -f "$archive"
# A fresh settings folder: the first start of a user.
export _JAVA_OPTIONS="$record
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
    sed -i '/^java-options=-XX:SharedArchiveFile=/d' "$cfg"
    echo "cds-archive: warning: the training run ($how) wrote no $kind, so the image has none (it starts" \
        "with the runtime's archive of JDK classes only); it printed:" >&2
    head -10 "$work/out" >&2
    exit 0
fi
if [ "${feature:-0}" -ge 25 ]; then
    # shellcheck disable=SC2016  # $APPDIR is the launcher's, not the shell's
    echo 'java-options=-XX:AOTCache=$APPDIR/'"$name.aot" >> "$cfg"
    rm -f "$image"/lib/runtime/lib/server/classes*.jsa
fi
echo "cds-archive: $archive ($kind), $(du -m "$archive" | cut -f1) MB, from $how"
