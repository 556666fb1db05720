package org.finetuneplanner.ui.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Queue;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.finetuneplanner.service.report.pdf.PdfReportExporter;
import org.finetuneplanner.core.Estimator;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.service.persistence.ScenarioJson;
import org.finetuneplanner.service.report.ReportAccuracy;
import org.finetuneplanner.service.report.ReportLanguage;
import org.finetuneplanner.service.report.ReportService;
import org.finetuneplanner.ui.common.UiExecutors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportViewModelTest {
    private static final ScenarioJson READER = ScenarioJson.standard();
    /** Three GPUs of the catalog keep the test quick; the report is the same code for twenty-six. */
    private static final ReportService SERVICE = ReportService.standard(READER.catalogs().gpus().stream()
            .filter(g -> List.of("l40s-48gb", "h100-sxm-80gb", "a100-sxm4-80gb").contains(g.id())).toList(),
            Estimator.standard()::estimate, Estimator.standard()::explain, ReportAccuracy::none,
            new PdfReportExporter());
    private static final Scenario SCENARIO = READER.read("{\"name\": \"Qwen LoRA\", \"model\": {\"preset\": "
            + "\"llama-3.1-8b\"}, \"method\": {\"type\": \"lora\"}, \"hardware\": {\"gpu\": \"l40s-48gb\"},"
            + " \"data\": {\"tokens\": 10000000}}");

    @TempDir
    Path dir;

    private final List<Path> opened = new ArrayList<>();

    private ExportViewModel vm(UiExecutors executors) {
        return new ExportViewModel(SERVICE, executors, opened::add, () -> LocalDate.of(2026, 11, 29));
    }

    private static String pdfText(Path file) throws IOException {
        try (PDDocument doc = Loader.loadPDF(file.toFile())) {
            return new PDFTextStripper().getText(doc);
        }
    }

    @Test
    void anExportWritesTheReportSaysSoAndOpensIt() {
        ExportViewModel vm = vm(UiExecutors.direct());
        Path target = dir.resolve("plan.pdf");
        vm.export(SCENARIO, target).join();
        assertTrue(Files.isRegularFile(target));
        assertEquals("Report saved: " + target, vm.getStatus());
        assertEquals(List.of(target), opened);
        assertFalse(vm.isBusy());
        assertEquals(1.0, vm.progressProperty().get());
        assertEquals(target, vm.lastReportProperty().get());
    }

    @Test
    void theDetailsOfTheDialogReachTheReport() throws IOException {
        ExportViewModel vm = vm(UiExecutors.direct());
        vm.customerProperty().set("Công ty Cổ phần Minh Anh");
        vm.consultantProperty().set("Trần Văn Bình");
        vm.languageProperty().set(ReportLanguage.VI);
        vm.openWhenDoneProperty().set(false);
        Path target = dir.resolve("ke-hoach.pdf");
        vm.export(SCENARIO, target).join();
        String text = pdfText(target);
        assertTrue(text.contains("Lập cho") && text.contains("Công ty Cổ phần Minh Anh")
                && text.contains("Trần Văn Bình"), "Vietnamese report with the names");
        assertEquals(List.of(), opened, "not opened when the box is unticked");
    }

    @Test
    void theDetailsAreTakenWhenTheExportStartsNotWhenItRuns() throws IOException {
        Queue<Runnable> background = new ArrayDeque<>();
        ExportViewModel vm = vm(new UiExecutors(background::add, Runnable::run));
        vm.customerProperty().set("First Customer");
        Path target = dir.resolve("plan.pdf");
        vm.export(SCENARIO, target);
        assertTrue(vm.isBusy());
        assertEquals(-1.0, vm.progressProperty().get(), "indeterminate while writing");
        vm.customerProperty().set("Second Customer");   // the user edits while the report is written
        vm.export(SCENARIO, dir.resolve("other.pdf"));  // ignored: one export at a time
        assertEquals(1, background.size());
        background.poll().run();
        assertFalse(vm.isBusy());
        String text = pdfText(target);
        assertTrue(text.contains("First Customer") && !text.contains("Second Customer"));
        assertFalse(Files.exists(dir.resolve("other.pdf")));
    }

    @Test
    void aFailedExportSaysWhyAndLeavesNoFile() {
        ExportViewModel vm = vm(UiExecutors.direct());
        Path target = dir.resolve("missing").resolve("plan.pdf");
        vm.export(SCENARIO, target).join();
        assertTrue(vm.getStatus().startsWith("The report plan.pdf was not written: cannot write "), vm.getStatus());
        assertTrue(vm.getStatus().contains("does not exist"), vm.getStatus());
        assertFalse(Files.exists(target));
        assertEquals(List.of(), opened);
        assertEquals(0.0, vm.progressProperty().get());
        assertNull(vm.lastReportProperty().get());
    }

    @Test
    void aLogoThatIsNotAnImageIsNamedInTheStatusInTheAppsLanguage() throws IOException {
        ExportViewModel vm = vm(UiExecutors.direct());
        vm.uiLocaleProperty().set(Locale.forLanguageTag("vi"));
        Path logo = Files.writeString(dir.resolve("logo.png"), "not a picture");
        vm.logoProperty().set(logo);
        Path target = dir.resolve("plan.pdf");
        vm.export(SCENARIO, target).join();
        assertTrue(vm.getStatus().startsWith("Chưa ghi được báo cáo plan.pdf: "), vm.getStatus());
        assertTrue(vm.getStatus().contains("logo.png"), vm.getStatus());
        assertFalse(Files.exists(target));
    }

    @Test
    void aDesktopWithoutAViewerStillReportsSuccess() {
        ExportViewModel vm = new ExportViewModel(SERVICE, UiExecutors.direct(), p -> {
            throw new UnsupportedOperationException("no browser");
        }, () -> LocalDate.of(2026, 11, 29));
        Path target = dir.resolve("plan.pdf");
        vm.export(SCENARIO, target).join();
        assertTrue(Files.isRegularFile(target));
        assertEquals("Report saved: " + target + " (no PDF viewer could be opened)", vm.getStatus());
    }

    @Test
    void theShellsExportUsesTheDetailsConfirmedInTheDialog() throws IOException {
        ExportViewModel vm = vm(UiExecutors.direct());
        vm.customerProperty().set("Confirmed Customer");
        vm.confirm();                                   // OK in the dialog, on the FX thread
        vm.customerProperty().set("Edited Later");
        Path target = dir.resolve("plan.pdf");
        vm.writeConfirmed(SCENARIO, target);            // the shell's background task
        String text = pdfText(target);
        assertTrue(text.contains("Confirmed Customer") && !text.contains("Edited Later"));
        assertEquals(List.of(target), opened, "opened, as the dialog's box was ticked");
        assertEquals(target, vm.lastReportProperty().get());
    }

    @Test
    void withoutAConfirmationTheShellsExportWritesAPlainReportAndOpensNothing() {
        ExportViewModel vm = vm(UiExecutors.direct());
        Path target = dir.resolve("plan.pdf");
        vm.writeConfirmed(SCENARIO, target);
        assertTrue(Files.isRegularFile(target));
        assertEquals(List.of(), opened);
    }
}
