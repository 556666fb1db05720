package org.finetuneplanner.ui.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;

import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TextField;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

import org.finetuneplanner.service.report.pdf.PdfReportExporter;
import org.finetuneplanner.core.Estimator;
import org.finetuneplanner.service.persistence.ScenarioJson;
import org.finetuneplanner.service.report.PaperSize;
import org.finetuneplanner.service.report.ReportAccuracy;
import org.finetuneplanner.service.report.ReportLanguage;
import org.finetuneplanner.service.report.ReportService;
import org.finetuneplanner.ui.common.UiExecutors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The export dialog edits the view-model's details, and lets go of them when closed. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class ExportDialogUiTest {
    private final ExportViewModel vm = new ExportViewModel(ReportService.standard(
            ScenarioJson.standard().catalogs().gpus(), Estimator.standard()::estimate, Estimator.standard()::explain,
            ReportAccuracy::none, new PdfReportExporter()),
            UiExecutors.direct(), p -> { }, () -> LocalDate.of(2026, 11, 29));
    private Stage stage;
    private ExportDialog dialog;

    @Start
    void start(Stage s) {
        stage = s;
        s.setScene(new Scene(new StackPane(), 300, 200));
        s.show();
    }

    @Test
    void typingAndChoosingChangeTheDetailsAndClosingLetsGo(FxRobot robot) {
        robot.interact(() -> {
            dialog = new ExportDialog(vm, stage);
            dialog.show();
        });
        robot.clickOn("#reportCustomer").write("ACME Việt Nam");
        @SuppressWarnings("unchecked")
        ComboBox<ReportLanguage> language = robot.lookup("#reportLanguage").queryAs(ComboBox.class);
        @SuppressWarnings("unchecked")
        ComboBox<PaperSize> paper = robot.lookup("#reportPaper").queryAs(ComboBox.class);
        robot.interact(() -> {
            language.setValue(ReportLanguage.VI);
            paper.setValue(PaperSize.LETTER);
        });
        assertEquals("ACME Việt Nam", vm.customerProperty().get());
        assertEquals(List.of(ReportLanguage.VI, PaperSize.LETTER), List.of(vm.languageProperty().get(),
                vm.paperProperty().get()));
        TextField customer = robot.lookup("#reportCustomer").queryAs(TextField.class);
        robot.interact(() -> dialog.close());
        robot.interact(() -> customer.setText("after closing"));
        assertEquals("ACME Việt Nam", vm.customerProperty().get(), "a closed dialog no longer writes the VM");
    }
}
