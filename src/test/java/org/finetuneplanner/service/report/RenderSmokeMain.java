package org.finetuneplanner.service.report;

import java.nio.file.Files;
import java.nio.file.Path;
import org.finetuneplanner.service.report.pdf.PdfReportExporter;

/** Writes the fixture reports for looking at them (not a test). */
final class RenderSmokeMain {
    private RenderSmokeMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        for (ReportLanguage lang : ReportLanguage.values()) {
            for (PaperSize paper : PaperSize.values()) {
                long t0 = System.nanoTime();
                ReportData data = ReportFixtures.data(lang, paper);
                if (args.length > 1) {
                    ReportLogo logo = ReportLogo.read(Path.of(args[1]));
                    data = data.withMeta(data.meta().withLogo(java.util.Optional.of(logo)));
                }
                byte[] pdf = new PdfReportExporter().render(data);
                System.out.printf("%s %s %d bytes %.0f ms%n", lang, paper, pdf.length, (System.nanoTime() - t0) / 1e6);
                Files.write(dir.resolve("fixture-" + lang.id() + "-" + paper.id() + ".pdf"), pdf);
            }
        }
    }
}
