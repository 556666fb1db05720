package org.finetuneplanner.ui.report;

import java.io.File;
import java.nio.file.Path;
import java.util.Locale;

import javafx.collections.FXCollections;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import org.finetuneplanner.service.report.PaperSize;
import org.finetuneplanner.service.report.ReportLanguage;
import org.finetuneplanner.service.text.Words;

/**
 * The small dialog before File → Export PDF…'s file chooser: customer, company, consultant, logo, language and
 * paper, bound two-way to the {@link ExportViewModel}. Returns OK or CANCEL; the export itself is the VM's.
 */
public final class ExportDialog extends Dialog<ButtonType> {
    private final TextField customer = new TextField();
    private final TextField company = new TextField();
    private final TextField consultant = new TextField();
    private final Label logoName = new Label();
    private final Button chooseLogo = new Button();
    private final Button clearLogo = new Button();
    private final ComboBox<ReportLanguage> language = new ComboBox<>(FXCollections.observableArrayList(
            ReportLanguage.values()));
    private final ComboBox<PaperSize> paper = new ComboBox<>(FXCollections.observableArrayList(PaperSize.values()));
    private final CheckBox open = new CheckBox();

    public ExportDialog(ExportViewModel vm, Window owner) {
        Words text = Words.forLocale(vm.uiLocaleProperty().get() == null ? Locale.ENGLISH
                : vm.uiLocaleProperty().get());
        if (owner != null) {
            initOwner(owner);
        }
        setTitle(text.text("dialog.title"));
        setHeaderText(text.text("dialog.header"));
        customer.setId("reportCustomer");
        company.setId("reportCompany");
        consultant.setId("reportConsultant");
        language.setId("reportLanguage");
        paper.setId("reportPaper");
        chooseLogo.setText(text.text("dialog.chooseLogo"));
        clearLogo.setText(text.text("dialog.clearLogo"));
        open.setText(text.text("dialog.open"));
        language.setCellFactory(l -> cell(text));
        language.setButtonCell(cell(text));
        paper.setCellFactory(l -> cell(text));
        paper.setButtonCell(cell(text));

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        int row = 0;
        grid.addRow(row++, new Label(text.text("dialog.customer")), customer);
        grid.addRow(row++, new Label(text.text("dialog.company")), company);
        grid.addRow(row++, new Label(text.text("dialog.consultant")), consultant);
        HBox logoRow = new HBox(8, logoName, chooseLogo, clearLogo);
        HBox.setHgrow(logoName, Priority.ALWAYS);
        grid.addRow(row++, new Label(text.text("dialog.logo")), logoRow);
        grid.addRow(row++, new Label(text.text("dialog.language")), language);
        grid.addRow(row++, new Label(text.text("dialog.paper")), paper);
        grid.add(open, 1, row);
        GridPane.setHgrow(customer, Priority.ALWAYS);
        customer.setPrefColumnCount(28);
        getDialogPane().setContent(grid);
        getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);

        customer.textProperty().bindBidirectional(vm.customerProperty());
        company.textProperty().bindBidirectional(vm.companyProperty());
        consultant.textProperty().bindBidirectional(vm.consultantProperty());
        language.valueProperty().bindBidirectional(vm.languageProperty());
        paper.valueProperty().bindBidirectional(vm.paperProperty());
        open.selectedProperty().bindBidirectional(vm.openWhenDoneProperty());
        logoName.textProperty().bind(vm.logoProperty().map(p -> String.valueOf(p.getFileName()))
                .orElse(text.text("dialog.noLogo")));
        clearLogo.disableProperty().bind(vm.logoProperty().isNull());
        clearLogo.setOnAction(e -> vm.logoProperty().set(null));
        chooseLogo.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(text.text("dialog.logo"));
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(text.text("dialog.logoFiles"),
                    "*.png", "*.jpg", "*.jpeg", "*.svg"));
            File file = chooser.showOpenDialog(getDialogPane().getScene().getWindow());
            if (file != null) {
                vm.logoProperty().set(Path.of(file.getPath()));
            }
        });
        // Unbind on close: the VM outlives this dialog and must not keep its controls alive.
        setOnHidden(e -> {
            customer.textProperty().unbindBidirectional(vm.customerProperty());
            company.textProperty().unbindBidirectional(vm.companyProperty());
            consultant.textProperty().unbindBidirectional(vm.consultantProperty());
            language.valueProperty().unbindBidirectional(vm.languageProperty());
            paper.valueProperty().unbindBidirectional(vm.paperProperty());
            open.selectedProperty().unbindBidirectional(vm.openWhenDoneProperty());
        });
    }

    private static <T extends Enum<T>> ListCell<T> cell(Words text) {
        return new ListCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? "" : text.label(item));
            }
        };
    }
}
