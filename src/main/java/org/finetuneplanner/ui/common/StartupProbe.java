package org.finetuneplanner.ui.common;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import javafx.application.Platform;
import javafx.scene.Scene;

/**
 * Cold-start measurement, off unless {@code -Dfinetuneplanner.startupProbe=true}: prints one line per moment,
 * {@code NAME-ms=… process-cpu-ms=… epoch-ms=…} (milliseconds since the JVM started, CPU time of the whole process
 * so far, and the wall clock, which a harness that started the process compares with its own). The app and the
 * bench's bare window (the floor it is compared with) print the same moments the same way:
 * <ul>
 * <li>{@code first-frame}: the first pulse of the window was laid out and handed to the renderer; with
 *     {@code -Dquantum.multithreaded=false} the pulse waits for the renderer, so the moment is the frame painted;
 * <li>{@code complete}: the first frame that shows everything the window shows at start (the app's results).
 * </ul>
 * With {@code -Dfinetuneplanner.exitAfterFirstFrame=true} the process exits after {@code complete}; with
 * {@code -Dfinetuneplanner.startupProbe.threads=true} it first prints the CPU time of each thread.
 * Call on the FX thread.
 */
public final class StartupProbe {
    private static final boolean ON = Boolean.getBoolean("finetuneplanner.startupProbe");
    private static final boolean EXIT = Boolean.getBoolean("finetuneplanner.exitAfterFirstFrame");
    private static final boolean THREADS = Boolean.getBoolean("finetuneplanner.startupProbe.threads");

    private StartupProbe() {
    }

    /** Whether the probe prints (a caller can leave out work it does only for the probe). */
    public static boolean on() {
        return ON;
    }

    /** Prints {@code first-frame} when the next pulse of {@code scene} has been drawn. */
    public static void firstFrame(Scene scene) {
        atNextFrame(scene, "first-frame", false);
    }

    /** Prints {@code complete} when the next pulse of {@code scene} has been drawn, then exits if asked to. */
    public static void complete(Scene scene) {
        atNextFrame(scene, "complete", EXIT);
    }

    private static void atNextFrame(Scene scene, String name, boolean exit) {
        if (!ON) {
            return;
        }
        // After the pulse: the frame has been handed to the renderer (and drawn, when the pulse waits for it).
        Frames.afterNext(scene, () -> {
            print(name);
            if (exit) {
                if (THREADS) {
                    printThreads();
                }
                Platform.exit();
            }
        });
    }

    /**
     * The CPU time of each live thread of the process (Linux: {@code /proc/self/task}), those of one pool summed:
     * where the start's CPU went (the JIT compilers, the FX thread, background work). Threads that ended are not
     * counted.
     */
    private static void printThreads() {
        Map<String, Long> cpu = new TreeMap<>();
        long tick = 10;     // ms per clock tick (USER_HZ is 100 on Linux)
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                String stat = Files.readString(task.resolve("stat"));
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                cpu.merge(name.replaceAll("[0-9]+$", "#"), ticks * tick, Long::sum);
            }
        } catch (IOException | RuntimeException e) {
            System.out.println("thread-cpu unavailable: " + e);
            return;
        }
        cpu.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> System.out.println("thread-cpu-ms " + e.getValue() + " " + e.getKey()));
    }

    private static void print(String name) {
        long now = System.currentTimeMillis();
        long ms = now - ManagementFactory.getRuntimeMXBean().getStartTime();
        // CPU time of the whole process so far: on a shared machine wall time mostly measures the queue.
        long cpu = ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() / 1_000_000 : -1;
        System.out.println(String.format(Locale.ROOT, "%s-ms=%d process-cpu-ms=%d epoch-ms=%d", name, ms, cpu, now));
    }
}
