package org.finetuneplanner.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;

import org.finetuneplanner.core.Estimator;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.service.persistence.ScenarioJson;
import org.finetuneplanner.service.report.ReportAccuracy;
import org.finetuneplanner.service.report.ReportData;
import org.finetuneplanner.service.report.ReportLanguage;
import org.finetuneplanner.service.report.ReportMeta;
import org.finetuneplanner.service.report.ReportService;
import org.finetuneplanner.service.report.pdf.PdfReportExporter;
import org.finetuneplanner.service.validation.ValidationRunner;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One planning report after warm-up, as File → Export PDF… makes it: plan over the whole GPU catalog, the
 * sensitivity cases, the layout with two vector charts, and the atomic write (fsync included). Target: under 2 s.
 * Run: {@code mvn -Pbench -o package -DskipTests && java -jar target/benchmarks.jar Report}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ReportBenchmark {

    @Param({"lora-8b", "full-70b"})
    public String job;

    @Param({"en", "vi"})
    public String lang;

    private ReportService service;
    private Scenario scenario;
    private ReportMeta meta;
    private Path dir;
    private Path target;

    @Setup
    public void setUp() throws IOException {
        ScenarioJson reader = ScenarioJson.standard();
        Estimator estimator = Estimator.standard();
        service = ReportService.standard(reader.catalogs().gpus(), estimator::estimate, estimator::explain,
                ReportAccuracy.shared(() -> new ValidationRunner(reader, estimator::estimate)),
                new PdfReportExporter());
        String json = job.equals("lora-8b")
                ? scenario("llama-3.1-8b", "lora", 4, 2048, "l40s-48gb", 1, "none")
                : scenario("llama-3.1-70b", "full", 1, 4096, "h100-sxm-80gb", 8, "zero3");
        scenario = reader.read(json);
        meta = ReportMeta.defaults(LocalDate.of(2026, 11, 29)).withLanguage(ReportLanguage.fromId(lang).orElseThrow())
                .withPeople("Customer Co.", "Acme AI", "A. Consultant");
        dir = Files.createTempDirectory("report-bench");
        target = dir.resolve("plan.pdf");
    }

    private static String scenario(String preset, String method, int batch, int sequence, String gpu, int count,
                                   String sharding) {
        return "{\"format\":\"finetune-plan/1\",\"name\":\"bench " + preset + "\",\"model\":{\"preset\":\"" + preset
                + "\"},\"method\":{\"type\":\"" + method + "\",\"rank\":16},"
                + "\"training\":{\"micro_batch_size\":" + batch + ",\"sequence_length\":" + sequence + ","
                + "\"activation_checkpointing\":\"full\"},"
                + "\"hardware\":{\"gpu\":\"" + gpu + "\",\"gpu_count\":" + count + ",\"sharding\":\"" + sharding
                + "\"},\"data\":{\"tokens\":100000000,\"epochs\":1}}";
    }

    @Benchmark
    public long writeReport() throws IOException {
        service.export(scenario, meta, target);
        return Files.size(target);
    }

    @TearDown
    public void tearDown() throws IOException {
        Files.deleteIfExists(target);
        Files.deleteIfExists(dir);
    }

    /**
     * A report whose scenario name and customer are {@code length} characters long, laid out in memory (no file):
     * the cover, the running header on every page, the next steps and the metadata all meet the name. Target: well
     * under a second at 100,000 characters (the fitting measured one character at a time took 19 s at 10,000).
     */
    @State(Scope.Benchmark)
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    @Fork(1)
    public static class LongNames {
        @Param({"1000", "100000"})
        public int length;

        private ReportData data;
        private final PdfReportExporter exporter = new PdfReportExporter();

        @Setup
        public void setUp() {
            ScenarioJson reader = ScenarioJson.standard();
            Estimator estimator = Estimator.standard();
            ReportService service = ReportService.standard(reader.catalogs().gpus(), estimator::estimate,
                    estimator::explain, ReportAccuracy::none, exporter);
            String name = "Công ty Cổ phần Dữ liệu Việt ".repeat(length / 29 + 1).substring(0, length);
            ReportMeta meta = ReportMeta.defaults(LocalDate.of(2026, 11, 29)).withLanguage(ReportLanguage.VI)
                    .withTitle(name).withPeople(name, name, name);
            data = service.prepare(reader.read(scenario("llama-3.1-8b", "lora", 4, 2048, "l40s-48gb", 1, "none")),
                    meta);
        }

        @Benchmark
        public int render() {
            return exporter.render(data).length;
        }
    }
}
