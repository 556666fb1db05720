package org.finetuneplanner.ui.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import org.finetuneplanner.service.report.ReportException;
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
    void aConfirmedExportWritesTheReportSaysSoAndOpensIt() {
        ExportViewModel vm = vm(UiExecutors.direct());
        vm.confirm();                                   // OK in the dialog, on the FX thread
        Path target = dir.resolve("plan.pdf");
        vm.write(SCENARIO, Locale.ENGLISH, target);     // the shell's background task
        assertTrue(Files.isRegularFile(target));
        assertEquals("Report saved: " + target, vm.getStatus());
        assertEquals(List.of(target), opened, "opened, as the dialog's box was ticked");
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
        vm.confirm();
        Path target = dir.resolve("ke-hoach.pdf");
        vm.write(SCENARIO, Locale.ENGLISH, target);
        String text = pdfText(target);
        assertTrue(text.contains("Lập cho") && text.contains("Công ty Cổ phần Minh Anh")
                && text.contains("Trần Văn Bình"), "the language chosen in the dialog wins over the app's");
        assertEquals(List.of(), opened, "not opened when the box is unticked");
    }

    @Test
    void theDetailsAreTakenWhenTheDialogIsConfirmedNotWhenTheReportIsWritten() throws IOException {
        ExportViewModel vm = vm(UiExecutors.direct());
        vm.customerProperty().set("Confirmed Customer");
        vm.confirm();
        vm.customerProperty().set("Edited Later");      // the user edits while the report is written
        Path target = dir.resolve("plan.pdf");
        vm.write(SCENARIO, Locale.ENGLISH, target);
        String text = pdfText(target);
        assertTrue(text.contains("Confirmed Customer") && !text.contains("Edited Later"));
    }

    @Test
    void withoutADialogTheReportIsInTheAppsLanguageAndNothingIsOpened() throws IOException {
        ExportViewModel vm = vm(UiExecutors.direct());
        Path target = dir.resolve("plan.pdf");
        vm.write(SCENARIO, Locale.forLanguageTag("vi"), target);
        assertTrue(pdfText(target).contains("Kế hoạch tinh chỉnh mô hình"), "the app's language passed through");
        assertEquals(List.of(), opened);
        vm.write(SCENARIO, Locale.ENGLISH, target);
        assertTrue(pdfText(target).contains("Fine-tuning plan"));
    }

    @Test
    void progressAndStatusArriveOnTheUiExecutorInOrder() {
        Queue<Runnable> ui = new ArrayDeque<>();
        ExportViewModel vm = vm(new UiExecutors(Runnable::run, ui::add));
        List<Double> progress = new ArrayList<>();
        vm.progressProperty().addListener((o, was, now) -> progress.add(now.doubleValue()));
        vm.confirm();
        Path target = dir.resolve("plan.pdf");
        vm.write(SCENARIO, Locale.ENGLISH, target);      // on this thread, as on the shell's IO thread
        assertFalse(vm.isBusy(), "nothing is touched off the FX executor");
        assertEquals("", vm.getStatus());
        assertEquals(List.of(), opened);
        ui.poll().run();
        assertTrue(vm.isBusy());
        assertEquals("Writing the report plan.pdf…", vm.getStatus());
        while (!ui.isEmpty()) {
            ui.poll().run();
        }
        assertEquals(List.of(-1.0, 0.5, 1.0), progress);
        assertFalse(vm.isBusy());
        assertEquals(List.of(target), opened, "opened on the FX executor");
    }

    @Test
    void aFailedExportSaysWhyLeavesNoFileAndTellsTheCaller() {
        ExportViewModel vm = vm(UiExecutors.direct());
        vm.confirm();
        Path target = dir.resolve("missing").resolve("plan.pdf");
        assertThrows(ReportException.class, () -> vm.write(SCENARIO, Locale.ENGLISH, target));
        assertTrue(vm.getStatus().startsWith("The report plan.pdf was not written: cannot write "), vm.getStatus());
        assertTrue(vm.getStatus().contains("does not exist"), vm.getStatus());
        assertFalse(Files.exists(target));
        assertEquals(List.of(), opened);
        assertEquals(0.0, vm.progressProperty().get());
        assertNull(vm.lastReportProperty().get());
        assertFalse(vm.isBusy());
    }

    @Test
    void aLogoThatIsNotAnImageIsNamedInTheStatusInTheAppsLanguage() throws IOException {
        ExportViewModel vm = vm(UiExecutors.direct());
        vm.uiLocaleProperty().set(Locale.forLanguageTag("vi"));
        Path logo = Files.writeString(dir.resolve("logo.png"), "not a picture");
        vm.logoProperty().set(logo);
        vm.confirm();
        Path target = dir.resolve("plan.pdf");
        assertThrows(ReportException.class, () -> vm.write(SCENARIO, Locale.forLanguageTag("vi"), target));
        assertTrue(vm.getStatus().startsWith("Chưa ghi được báo cáo plan.pdf: "), vm.getStatus());
        assertTrue(vm.getStatus().contains("logo.png"), vm.getStatus());
        assertFalse(Files.exists(target));
    }

    @Test
    void aDesktopWithoutAViewerStillReportsSuccess() {
        ExportViewModel vm = new ExportViewModel(SERVICE, UiExecutors.direct(), p -> {
            throw new UnsupportedOperationException("no browser");
        }, () -> LocalDate.of(2026, 11, 29));
        vm.confirm();
        Path target = dir.resolve("plan.pdf");
        vm.write(SCENARIO, Locale.ENGLISH, target);
        assertTrue(Files.isRegularFile(target));
        assertEquals("Report saved: " + target + " (no PDF viewer could be opened)", vm.getStatus());
    }

    @Test
    void aComparisonGoesTheSamePathWithTheDialogsDetailsAndLanguage() throws IOException {
        ExportViewModel vm = vm(UiExecutors.direct());
        vm.customerProperty().set("Công ty Cổ phần Minh Anh");
        vm.languageProperty().set(ReportLanguage.VI);
        vm.confirm();
        Scenario qlora = READER.read("{\"name\": \"Llama QLoRA\", \"model\": {\"preset\": \"llama-3.1-8b\"}, "
                + "\"method\": {\"type\": \"qlora\"}, \"hardware\": {\"gpu\": \"l40s-48gb\"}, \"data\": {\"tokens\": "
                + "10000000}}");
        Path target = dir.resolve("so-sanh.pdf");
        vm.writeComparison(List.of(qlora, SCENARIO), Locale.ENGLISH, target);
        String text = pdfText(target).replaceAll("\\s+", " ");
        assertTrue(text.contains("So sánh các kế hoạch tinh chỉnh"), "the dialog's language, not the app's");
        assertTrue(text.contains("Công ty Cổ phần Minh Anh"));
        assertTrue(text.contains("Kịch bản A: Llama QLoRA") && text.contains("Kịch bản B: Qwen LoRA"));
        assertEquals("Report saved: " + target, vm.getStatus());
        assertEquals(1.0, vm.progressProperty().get());
        assertEquals(List.of(target), opened);
    }
}
