#!/usr/bin/env bash
# Builds a self-contained app image (runtime included) with jpackage: JavaFX's platform jars go on the
# module path and are linked into the runtime; everything else stays on the class path.
# Usage: packaging/jpackage.sh            → target/pkg/FineTunePlanner/bin/FineTunePlanner
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -DskipTests package
rm -rf target/jpackage target/pkg
mkdir -p target/jpackage/jfx target/jpackage/app
cp target/finetune-planner.jar target/jpackage/app/
for jar in target/lib/*.jar; do
    case "$(basename "$jar")" in
        javafx-*-linux*.jar|javafx-*-win*.jar|javafx-*-mac*.jar) cp "$jar" target/jpackage/jfx/ ;;
        javafx-*.jar) ;;  # the empty per-module umbrella jars
        *) cp "$jar" target/jpackage/app/ ;;
    esac
done
jpackage --type app-image --name FineTunePlanner --app-version 0.1.0 \
    --input target/jpackage/app --main-jar finetune-planner.jar --main-class org.finetuneplanner.Launcher \
    --module-path target/jpackage/jfx \
    --add-modules javafx.controls,java.desktop,java.management,java.sql,java.logging,java.naming,jdk.unsupported \
    --java-options "--add-exports=javafx.base/com.sun.javafx.event=ALL-UNNAMED" \
    --jlink-options "--strip-debug --no-header-files --no-man-pages --strip-native-commands --compress=2" \
    --dest target/pkg
echo "App image: target/pkg/FineTunePlanner (run bin/FineTunePlanner)"
