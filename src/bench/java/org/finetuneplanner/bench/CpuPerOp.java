package org.finetuneplanner.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * The JMH benchmarks' operations timed in CPU time of the thread that runs them, not wall time: on a machine shared
 * with other builds JMH's wall time mostly measures the wait for a core (planner errors of ±500 % at a load average
 * of 12 on two cores), while the CPU time of one thread barely moves. Each operation is warmed up, then run in
 * rounds of a fixed count; the best round's CPU time per operation is printed (the round least disturbed by cache
 * and frequency effects of the other processes), with the median round beside it.
 *
 * <p>Run: {@code mvn -B -o -Pbench package -DskipTests && java -cp target/benchmarks.jar
 * org.finetuneplanner.bench.CpuPerOp}.
 */
public final class CpuPerOp {
    private static final int ROUNDS = 7;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CpuPerOp() {
    }

    public static void main(String[] args) throws Exception {
        System.out.printf(Locale.ROOT, "load average before: %s%n", load());
        System.out.printf(Locale.ROOT, "%-40s %12s %12s%n", "operation (CPU time per op)", "best", "median");
        EstimateBenchmark estimate = new EstimateBenchmark();
        estimate.setUp();
        time("estimate: memory only", 20_000, estimate::memoryEstimate);
        time("estimate: memory, speed, cost", 20_000, estimate::fullEstimate);
        time("estimate: and its result JSON line", 5_000, estimate::estimateAndResultJson);
        for (String job : List.of("qlora-7b", "lora-8b", "full-70b", "mistral-mb8")) {
            PlannerBenchmark planner = new PlannerBenchmark();
            planner.job = job;
            planner.setUp();
            time("plan over the catalog: " + job, 100, planner::planWholeCatalog);
        }
        BatchLineBenchmark batch = new BatchLineBenchmark();
        time("estimate --batch line: preset", 5_000, batch::presetLineEndToEnd);
        time("estimate --batch line: inline config", 5_000, batch::configLineEndToEnd);
        for (String lang : List.of("en", "vi")) {
            ReportBenchmark report = new ReportBenchmark();
            report.job = "lora-8b";
            report.lang = lang;
            report.setUp();
            try {
                time("report PDF written: lora-8b " + lang, 3, report::writeReport);
            } finally {
                report.tearDown();
            }
        }
        System.out.printf(Locale.ROOT, "load average after: %s%n", load());
    }

    private static void time(String what, int perRound, Callable<?> op) throws Exception {
        for (int i = 0; i < Math.max(3, perRound * 3); i++) {
            op.call();
        }
        List<Double> rounds = new ArrayList<>();
        for (int r = 0; r < ROUNDS; r++) {
            long c0 = THREADS.getCurrentThreadCpuTime();
            for (int i = 0; i < perRound; i++) {
                op.call();
            }
            rounds.add((THREADS.getCurrentThreadCpuTime() - c0) / 1e3 / perRound);
        }
        rounds.sort(null);
        System.out.printf(Locale.ROOT, "%-40s %9.2f us %9.2f us%n", what, rounds.get(0), rounds.get(ROUNDS / 2));
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
