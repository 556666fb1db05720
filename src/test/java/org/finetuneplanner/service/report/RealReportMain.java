package org.finetuneplanner.service.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;

import org.finetuneplanner.service.report.pdf.PdfReportExporter;
import org.finetuneplanner.service.validation.ValidationRunner;
import org.finetuneplanner.core.Estimator;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.service.persistence.ScenarioJson;

/** Writes reports of real scenarios with the real estimator and planner, and times them (not a test). */
final class RealReportMain {
    private RealReportMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        ScenarioJson reader = ScenarioJson.standard();
        Estimator estimator = Estimator.standard();
        ReportService service = ReportService.standard(reader.catalogs().gpus(), estimator::estimate,
                estimator::explain, ReportAccuracy.shared(() -> new ValidationRunner(reader, estimator::estimate)),
                new PdfReportExporter());
        for (int i = 1; i < args.length; i++) {
            Scenario s = reader.read(Path.of(args[i]));
            for (ReportLanguage lang : ReportLanguage.values()) {
                ReportMeta meta = new ReportMeta("", "Công ty Cổ phần Dữ liệu Việt", "Acme AI Consulting",
                        "Nguyễn Thị Hương", Optional.empty(), LocalDate.of(2026, 11, 29), lang, PaperSize.A4);
                Path out = dir.resolve("real" + i + "-" + lang.id() + ".pdf");
                java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
                for (int run = 0; run < 6; run++) {
                    long cpu0 = mx.getCurrentThreadCpuTime();
                    long t0 = System.nanoTime();
                    ReportData data = service.prepare(s, meta);
                    long t1 = System.nanoTime();
                    service.exporter().write(data, out);
                    long t2 = System.nanoTime();
                    long cpu = mx.getCurrentThreadCpuTime() - cpu0;
                    System.out.printf("%s %s run %d: data %.0f ms, pdf+write %.0f ms, total %.0f ms (cpu %.0f ms),"
                            + " %d bytes%n", args[i], lang, run, (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t2 - t0) / 1e6,
                            cpu / 1e6, Files.size(out));
                }
            }
        }
    }
}
