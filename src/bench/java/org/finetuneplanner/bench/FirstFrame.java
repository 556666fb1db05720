package org.finetuneplanner.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.finetuneplanner.ui.common.Frames;
import org.finetuneplanner.ui.common.StartupProbe;

/**
 * Cold start, measured from outside: starts the app and the bare window ({@link BareWindow}) as new processes, in
 * turns, several times each, and reads the {@link StartupProbe}'s lines. For each way of starting it prints the
 * median (and range) of the time from the process's spawn to its first frame and to its complete frame, the time
 * from the JVM's own start, and the process's CPU time. Every process gets a fresh settings folder (the app's first
 * start), the software pipeline ({@code prism.order=sw}) and {@code quantum.multithreaded=false}, so that the
 * probe's moment is the frame painted, not only handed to the renderer.
 *
 * <p>Run from the project's folder, under a display (Xvfb):
 * <pre>
 * mvn -B -o clean
 * mvn -B -o -Ppackage package -DskipTests       (the image, without the benchmark classes and libraries)
 * mvn -B -o -Pbench package -DskipTests
 * xvfb-run -a -s "-screen 0 1440x900x24" java -cp target/benchmarks.jar org.finetuneplanner.bench.FirstFrame \
 *     [--runs 9] [VARIANT...]
 * </pre>
 * Variants (default: all whose files exist): {@code bare-jar} (the bare window, JavaFX on the module path of this
 * JDK), {@code app-jar} ({@code java -jar target/finetune-planner.jar}), {@code app-jar-nocds} (the same with
 * {@code -Xshare:off}), {@code bare-image} (the bare window in an app image linked as the app's is, with the runtime
 * of the JDK that runs this harness, built once into {@code target/bare-window-FEATURE/} by this harness),
 * {@code bare-image-aot} (on Java 25 or newer: that image with an ahead-of-time cache of its own, trained as the
 * app's is), {@code app-image} ({@code target/package/finetune-planner}, with its class-data archive or
 * ahead-of-time cache), {@code bare-image-same} (the bare window's image with the JVM options of the app image's
 * launcher that do not name its files: the same collector and reflection), {@code app-image-basecds} (only the runtime's own archive of JDK classes) and
 * {@code app-image-nocds} ({@code -Xshare:off}). {@code --image NAME=DIR} adds the app image in DIR as variant
 * NAME (e.g. a Java 17 image beside the Java 25 one, measured in the same turns). Options reach the images'
 * launchers through {@code JAVA_TOOL_OPTIONS}. Run the harness with the JDK whose runtime the app image carries
 * ({@code lib/runtime/release}), so that the bare window's image has the same runtime.
 */
public final class FirstFrame {
    private static final Pattern MOMENT = Pattern.compile(
            "^([a-z-]+)-ms=(\\d+) process-cpu-ms=(-?\\d+) epoch-ms=(\\d+)$");
    private static final String BARE_MAIN = BareWindow.class.getName();
    /** As the app image's (packaging/app-image.xml), so that the bare window's runtime starts as the app's does. */
    private static final int FEATURE = Runtime.version().feature();
    private static final String JLINK_OPTIONS = "--strip-debug --no-header-files --no-man-pages "
            + "--compress=" + (FEATURE >= 25 ? "zip-6" : "2") + " --include-locales=en,vi --generate-cds-archive";

    private final Path target = Path.of("target").toAbsolutePath();
    private final Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    private final Path image = target.resolve("package/finetune-planner");
    private final Path appLauncher = image.resolve("bin/finetune-planner");
    private final Path bareImage = target.resolve("bare-window-" + FEATURE + "/bare-window");
    private final Path bareLauncher = bareImage.resolve("bin/bare-window");
    private final Path bareCache = bareImage.resolve("lib/app/bare-window.aot");
    private final Map<String, Path> images = new LinkedHashMap<>();

    private FirstFrame() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int runs = 7;
        List<String> wanted = new ArrayList<>();
        FirstFrame harness = new FirstFrame();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--runs")) {
                runs = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--image")) {
                String[] nameDir = args[++i].split("=", 2);
                harness.images.put(nameDir[0], Path.of(nameDir[1]).toAbsolutePath());
                wanted.add(nameDir[0]);
            } else {
                wanted.add(args[i]);
            }
        }
        if (System.getenv("DISPLAY") == null) {
            System.err.println("FirstFrame: no DISPLAY; run it under xvfb-run -a -s \"-screen 0 1440x900x24\"");
            System.exit(2);
        }
        harness.run(runs, wanted);
    }

    private record Variant(String name, List<String> command, List<String> options, boolean launcher) {
    }

    /** The moments of one run: milliseconds from spawn, from JVM start, and CPU milliseconds, by moment name. */
    private record Run(Map<String, long[]> moments) {
    }

    private void run(int runs, List<String> wanted) throws IOException, InterruptedException {
        Path bare = bareClasses();
        List<Variant> all = variants(bare);
        List<Variant> chosen = all.stream().filter(v -> wanted.isEmpty() ? available(v) : wanted.contains(v.name()))
                .toList();
        if (chosen.stream().anyMatch(v -> v.name().startsWith("bare-image"))) {
            buildBareImage(bare);
        }
        if (chosen.stream().anyMatch(v -> v.name().equals("bare-image-aot"))) {
            trainBareCache();
        }
        System.out.printf(Locale.ROOT, "load average before: %s%n", loadAverage());
        Map<String, List<Run>> results = new LinkedHashMap<>();
        for (Variant v : chosen) {
            once(v);    // not counted: fills the page cache (and JavaFX's native library cache) as a user's start would
            results.put(v.name(), new ArrayList<>());
        }
        for (int i = 0; i < runs; i++) {
            for (Variant v : chosen) {
                results.get(v.name()).add(once(v));
            }
        }
        System.out.printf(Locale.ROOT, "load average after: %s%n", loadAverage());
        System.out.printf(Locale.ROOT, "%-18s %s%n", "variant (" + runs + " runs)",
                "median [min-max] ms: spawn->first frame | spawn->complete | JVM start->first frame | CPU at complete");
        Map<String, Double> medians = new HashMap<>();
        for (Map.Entry<String, List<Run>> e : results.entrySet()) {
            double first = median(e.getValue(), "first-frame", 0);
            medians.put(e.getKey(), first);
            System.out.printf(Locale.ROOT, "%-18s %s | %s | %s | %s%n", e.getKey(),
                    stats(e.getValue(), "first-frame", 0), stats(e.getValue(), "complete", 0),
                    stats(e.getValue(), "first-frame", 1), stats(e.getValue(), "complete", 2));
        }
        ratio(medians, "app-jar", "bare-jar");
        ratio(medians, "app-image", "bare-image");
        ratio(medians, "app-image", "bare-image-same");
    }

    /** The app image's launcher options that are JVM options ({@code -XX:}, {@code -D}) not naming its files. */
    private List<String> launcherOptions() throws IOException {
        Path cfg = image.resolve("lib/app/finetune-planner.cfg");
        if (!Files.exists(cfg)) {
            return List.of();
        }
        return Files.readAllLines(cfg).stream().filter(l -> l.startsWith("java-options="))
                .map(l -> l.substring("java-options=".length()).strip())
                .filter(o -> (o.startsWith("-XX:") || o.startsWith("-D")) && !o.contains("$APPDIR"))
                .toList();
    }

    private List<Variant> variants(Path bare) throws IOException {
        List<String> fx = javafxJars().stream().map(Path::toString).toList();
        String modulePath = String.join(File.pathSeparator, fx);
        Path jar = target.resolve("finetune-planner.jar");
        List<Variant> v = new ArrayList<>();
        v.add(new Variant("bare-jar", List.of(java.toString(), "-p", modulePath, "--add-modules", "javafx.controls",
                "-cp", bare.toString(), BARE_MAIN), List.of(), false));
        v.add(new Variant("app-jar", List.of(java.toString(), "-jar", jar.toString()), List.of(), false));
        v.add(new Variant("app-jar-nocds", List.of(java.toString(), "-jar", jar.toString()),
                List.of("-Xshare:off"), false));
        v.add(new Variant("bare-image", List.of(bareLauncher.toString()), List.of(), true));
        // The floor with the app launcher's own start options (collector, reflection), so that what they gain is
        // not counted as the app's: the app image's JVM options that are not about its own files.
        v.add(new Variant("bare-image-same", List.of(bareLauncher.toString()), launcherOptions(), true));
        v.add(new Variant("app-image", List.of(appLauncher.toString()), List.of(), true));
        v.add(new Variant("app-image-basecds", List.of(appLauncher.toString()),
                List.of("-XX:SharedArchiveFile=" + image.resolve("lib/runtime/lib/server/classes.jsa")), true));
        v.add(new Variant("app-image-nocds", List.of(appLauncher.toString()), List.of("-Xshare:off"), true));
        v.add(new Variant("bare-image-aot", List.of(bareLauncher.toString()),
                List.of("-XX:AOTCache=" + bareCache), true));
        images.forEach((name, dir) -> v.add(new Variant(name,
                List.of(dir.resolve("bin/" + dir.getFileName()).toString()), List.of(), true)));
        return v;
    }

    private boolean available(Variant v) {
        String n = v.name();
        if (n.equals("bare-image-aot")) {
            return FEATURE >= 25 && Files.isDirectory(target.resolve("package-input/jfx"));
        }
        if (n.equals("bare-image-same")) {
            return Files.isDirectory(target.resolve("package-input/jfx")) && Files.isExecutable(appLauncher);
        }
        if (n.startsWith("bare-image")) {
            return Files.isDirectory(target.resolve("package-input/jfx"));
        }
        if (n.startsWith("app-image")) {
            return Files.isExecutable(appLauncher);
        }
        return !n.startsWith("app-jar") || Files.exists(target.resolve("finetune-planner.jar"));
    }

    private Run once(Variant v) throws IOException, InterruptedException {
        return once(v, List.of());
    }

    private Run once(Variant v, List<String> extra) throws IOException, InterruptedException {
        Path settings = Files.createTempDirectory("first-frame-settings");
        List<String> options = new ArrayList<>(List.of("-Dprism.order=sw", "-Dquantum.multithreaded=false",
                "-Dfinetuneplanner.startupProbe=true", "-Dfinetuneplanner.exitAfterFirstFrame=true",
                "-Dfinetuneplanner.settings=" + settings));
        options.addAll(v.options());
        options.addAll(extra);
        List<String> command = new ArrayList<>(v.command());
        ProcessBuilder pb = new ProcessBuilder();
        if (v.launcher()) {
            pb.environment().put("JAVA_TOOL_OPTIONS", String.join(" ", options));
        } else {
            command.addAll(1, options);
        }
        pb.command(command).redirectErrorStream(true);
        Map<String, long[]> moments = new HashMap<>();
        List<String> other = new ArrayList<>();
        long spawned = System.currentTimeMillis();
        Process p = pb.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                Matcher m = MOMENT.matcher(line.strip());
                if (m.matches()) {
                    moments.put(m.group(1), new long[] {Long.parseLong(m.group(4)) - spawned,
                        Long.parseLong(m.group(2)), Long.parseLong(m.group(3))});
                } else if (!line.startsWith("Picked up JAVA_TOOL_OPTIONS") && !line.contains("[warning][aot]")) {
                    other.add(line);
                }
            }
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        deleteTree(settings);
        if (!moments.containsKey("complete")) {
            throw new IllegalStateException(v.name() + ": no complete frame; it printed: " + other);
        }
        return new Run(moments);
    }

    private static double median(List<Run> runs, String moment, int field) {
        double[] values = runs.stream().mapToDouble(r -> r.moments().get(moment)[field]).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    private static String stats(List<Run> runs, String moment, int field) {
        double[] values = runs.stream().mapToDouble(r -> r.moments().get(moment)[field]).sorted().toArray();
        return String.format(Locale.ROOT, "%5.0f [%.0f-%.0f]", median(runs, moment, field), values[0],
                values[values.length - 1]);
    }

    private static void ratio(Map<String, Double> medians, String app, String bare) {
        if (medians.containsKey(app) && medians.containsKey(bare)) {
            System.out.printf(Locale.ROOT, "first frame %s / %s = %.2f (goal: at most 1.6)%n", app, bare,
                    medians.get(app) / medians.get(bare));
        }
    }

    /** The bare window's classes, copied out of this jar into a folder of their own (nothing else to load). */
    private static Path bareClasses() throws IOException {
        Path dir = Files.createTempDirectory("bare-window");
        dir.toFile().deleteOnExit();
        for (Class<?> c : List.of(BareWindow.class, StartupProbe.class, Frames.class)) {
            String file = c.getName().replace('.', '/') + ".class";
            Path to = dir.resolve(file);
            Files.createDirectories(to.getParent());
            try (InputStream in = c.getClassLoader().getResourceAsStream(file)) {
                Files.copy(in, to);
            }
        }
        return dir;
    }

    private List<Path> javafxJars() throws IOException {
        // The platform jars (javafx-base-21.0.11-linux.jar); those without a classifier are empty.
        try (Stream<Path> files = Files.list(target.resolve("lib"))) {
            return files.filter(f -> {
                String n = f.getFileName().toString();
                return n.startsWith("javafx-") && !n.matches("javafx-[a-z]+-[0-9.]+\\.jar");
            }).sorted().toList();
        }
    }

    /** An app image of the bare window, linked as the app's (JavaFX as modules, the same jlink options). */
    private void buildBareImage(Path classes) throws IOException, InterruptedException {
        if (Files.isExecutable(bareLauncher)) {
            return;
        }
        if (Files.exists(bareImage)) {
            deleteTree(bareImage);      // what a failed build left
        }
        Path input = Files.createTempDirectory("bare-window-input");
        try (OutputStream file = Files.newOutputStream(input.resolve("bare-window.jar"));
             JarOutputStream jar = new JarOutputStream(file, manifest());
             Stream<Path> walk = Files.walk(classes)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                jar.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                jar.write(Files.readAllBytes(f));
                jar.closeEntry();
            }
        }
        Path jpackage = java.resolveSibling("jpackage");
        List<String> command = new ArrayList<>(List.of(jpackage.toString(), "--type", "app-image",
                "--name", "bare-window", "--input", input.toString(), "--main-jar", "bare-window.jar",
                "--main-class", BARE_MAIN, "--module-path", target.resolve("package-input/jfx").toString(),
                "--add-modules", "javafx.controls,jdk.management,jdk.localedata", "--jlink-options", JLINK_OPTIONS,
                "--dest", bareImage.getParent().toString()));
        if (FEATURE >= 25) {
            // As the app image's launcher (packaging/app-image.xml): no warnings about JavaFX's native access.
            command.addAll(List.of("--java-options", "--enable-native-access=javafx.graphics",
                    "--java-options", "--sun-misc-unsafe-memory-access=allow"));
        }
        System.out.println("building the bare window's image: " + String.join(" ", command));
        Process p = new ProcessBuilder(command).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("jpackage failed for the bare window's image");
        }
        deleteTree(input);
    }

    /** The bare window's ahead-of-time cache, from one training run of its image as packaging/cds-archive.sh does. */
    private void trainBareCache() throws IOException, InterruptedException {
        if (Files.exists(bareCache)) {
            return;
        }
        Variant training = new Variant("bare-image training", List.of(bareLauncher.toString()), List.of(), true);
        once(training, List.of("-XX:AOTCacheOutput=" + bareCache));
        if (!Files.exists(bareCache)) {
            throw new IllegalStateException("the bare window's training run wrote no cache " + bareCache);
        }
    }

    private static Manifest manifest() {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, BARE_MAIN);
        return m;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
