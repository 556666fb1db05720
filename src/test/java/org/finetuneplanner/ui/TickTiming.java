package org.finetuneplanner.ui;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Slider;
import javafx.stage.Stage;

import org.finetuneplanner.App;
import org.finetuneplanner.service.persistence.ScenarioJson;
import org.finetuneplanner.ui.common.Messages;
import org.finetuneplanner.ui.common.UiExecutors;
import org.finetuneplanner.ui.planner.PlannerViewModel;
import org.finetuneplanner.ui.shell.FileDialogs;
import org.finetuneplanner.ui.shell.ShellView;
import org.finetuneplanner.ui.shell.ShellViewModel;

/**
 * A measuring harness, not a test: how long one slider tick takes to recompute every GPU option and redraw.
 * Run it in a real window, e.g. {@code xvfb-run -a -s "-screen 0 1440x900x24" java -cp … TickTiming}.
 * (A) moves the batch slider 1,000 times and times the estimate, the plan over every GPU, CSS and layout of each;
 * (B) moves it once per pulse for 300 pulses and times the frames: the interval between pulses (never below the
 * 60 Hz pulse's 16.7 ms) and each frame's own time, from the tick to the frame painted (the tick, the estimate and
 * plan, CSS, layout and drawing; exactly so with {@code -Dquantum.multithreaded=false}, under which a pulse waits for
 * its drawing; without it the drawing overlaps the next pulse and is not counted).
 * Frame mode under software rendering, as docs/performance.md measures it: {@code xvfb-run -a -s "-screen 0
 * 1440x900x24" java -Dprism.order=sw -Dquantum.multithreaded=false -cp … TickTiming}; {@code -Dtick.batches=1,2}
 * moves between micro-batches 2 and 4 instead of 4 and 8 (exponents of two); after 300 warm-up ticks it waits
 * {@code -Dtick.settle} ms (3,000) before measuring.
 */
public final class TickTiming {
    private TickTiming() {
    }

    public static void main(String[] args) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        Platform.startup(() -> {
            try {
                run(done);
            } catch (RuntimeException e) {
                e.printStackTrace();
                done.countDown();
            }
        });
        done.await();
        Platform.exit();
    }

    private static void run(CountDownLatch done) {
        PlannerViewModel vm = new PlannerViewModel(Fixtures.SERVICES, UiExecutors.direct(),
                Messages.forLocale(Locale.ENGLISH));
        ShellViewModel shell = new ShellViewModel(vm, App.scenarioFiles(new ScenarioJson(Fixtures.CATALOGS)),
                Optional.empty(), UiExecutors.direct());
        FileDialogs none = new FileDialogs() {
            public java.nio.file.Path openScenario() {
                return null;
            }

            public java.nio.file.Path saveScenario(String s) {
                return null;
            }

            public java.nio.file.Path openConfig() {
                return null;
            }

            public java.nio.file.Path savePdf(String s) {
                return null;
            }
        };
        Application.setUserAgentStylesheet(
                App.class.getResource(App.LIGHT).toExternalForm());
        Parent root = new ShellView(shell, none, () -> { });
        Scene scene = new Scene(root, 1440, 900);
        scene.getStylesheets().add(App.class.getResource("/org/finetuneplanner/ui/app.css").toExternalForm());
        Stage stage = new Stage();
        stage.setScene(scene);
        stage.show();
        Slider slider = (Slider) scene.lookup("#batchSlider");

        // The two micro-batches a tick goes between, as powers of two: 4 and 8 by default (the measure), 2 and 4
        // with -Dtick.batches=1,2. For the default scenario on an L40S, 8 does not fit with margin while 4 does, so
        // each tick of 4 <-> 8 also opens or closes the advice for the user's own GPU and moves the tabs below it:
        // said here, since such a tick redraws the whole results side.
        int[] exps = Arrays.stream(System.getProperty("tick.batches", "2,3").split(",")).mapToInt(Integer::parseInt)
                .toArray();
        double[] tabsY = new double[2];
        for (int i = 0; i < 300; i++) {
            tick(slider, exps[i % 2], root);
            tabsY[i % 2] = scene.lookup("#resultTabs").localToScene(0, 0).getY();
        }
        System.out.printf(Locale.ROOT, "micro-batch %d <-> %d: the results' tabs %s%n", 1 << exps[0], 1 << exps[1],
                tabsY[0] == tabsY[1] ? "stay in place" : "move by " + Math.abs(tabsY[0] - tabsY[1]) + " px each tick");
        // A pause after the warm-up, as a user's drags have them: the JIT finishes compiling the tick's code (the app
        // image runs its compilers at a lower priority than the FX thread, so back-to-back ticks on two cores leave
        // them little). -Dtick.settle=0 measures without it.
        try {
            Thread.sleep(Long.getLong("tick.settle", 3000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int n = 1000;
        double[] all = new double[n];
        double[] compute = new double[n];
        double[] cpu = new double[n];
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < n; i++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            slider.setValue(exps[(i + 1) % 2]);
            long t1 = System.nanoTime();
            vm.results().shownProperty().get();
            long t2 = System.nanoTime();
            root.applyCss();
            root.layout();
            long t3 = System.nanoTime();
            cpu[i] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
            compute[i] = (t2 - t0) / 1e6;
            all[i] = (t3 - t0) / 1e6;
        }
        report("A: tick (set, estimate + plan of " + Fixtures.SERVICES.gpus().size()
                + " GPUs, views, CSS, layout)", all);
        report("A: of which estimate + plan", compute);
        // CPU time of the FX thread: what a tick costs when the machine is not shared (wall time waits for a core).
        report("A: tick, FX-thread CPU time", cpu);

        long[] last = {0};
        long[] cpuAtStart = new long[2];
        double[] frames = new double[300];
        double[] frameTimes = new double[frames.length];
        int[] count = {0};
        new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (last[0] != 0) {
                    frames[count[0]++] = (now - last[0]) / 1e6;
                } else {
                    cpuAtStart[0] = threads.getCurrentThreadCpuTime();
                    cpuAtStart[1] = rendererCpu(threads);
                }
                last[0] = now;
                if (count[0] == frames.length) {
                    stop();
                    report("B: frame interval with one tick per frame (60 Hz pulse = 16.7 ms)", frames);
                    report("B: frame time, tick to frame " + (Boolean.getBoolean("quantum.multithreaded")
                            || System.getProperty("quantum.multithreaded") == null ? "handed to the renderer"
                            : "painted"), frameTimes);
                    // CPU per frame of the two threads that make it: robust where wall time waits for a core.
                    System.out.printf(Locale.ROOT, "B: CPU per frame: FX thread %.2f ms, renderer %.2f ms%n",
                            (threads.getCurrentThreadCpuTime() - cpuAtStart[0]) / 1e6 / frames.length,
                            (rendererCpu(threads) - cpuAtStart[1]) / 1e6 / frames.length);
                    stage.close();
                    done.countDown();
                    return;
                }
                int i = count[0];
                long t0 = System.nanoTime();
                slider.setValue(exps[i % 2]);
                // Runs once this pulse is over: its CSS, layout and (when the pulse waits for it) its drawing.
                Platform.runLater(() -> frameTimes[i] = (System.nanoTime() - t0) / 1e6);
            }
        }.start();
    }

    /** CPU time of JavaFX's render thread (QuantumRenderer-0), nanoseconds. */
    private static long rendererCpu(java.lang.management.ThreadMXBean threads) {
        for (java.lang.management.ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t != null && t.getThreadName().startsWith("QuantumRenderer")) {
                return threads.getThreadCpuTime(t.getThreadId());
            }
        }
        return 0;
    }

    private static void tick(Slider slider, int exp, Parent root) {
        slider.setValue(exp);
        root.applyCss();
        root.layout();
    }

    private static void report(String what, double[] ms) {
        double[] s = ms.clone();
        Arrays.sort(s);
        double mean = Arrays.stream(s).average().orElse(Double.NaN);
        System.out.printf(Locale.ROOT, "%s: n=%d mean=%.2f ms p50=%.2f p95=%.2f p99=%.2f max=%.2f%n", what, s.length,
                mean, s[s.length / 2], s[(int) (s.length * 0.95)], s[(int) (s.length * 0.99)], s[s.length - 1]);
    }
}
