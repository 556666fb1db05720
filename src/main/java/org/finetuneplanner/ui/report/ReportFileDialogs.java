package org.finetuneplanner.ui.report;

import java.nio.file.Path;
import java.util.function.Supplier;

import javafx.scene.control.ButtonType;
import javafx.stage.Window;

import org.finetuneplanner.ui.shell.FileDialogs;

/**
 * The File menu's choosers with the report's details asked first: File → Export PDF… shows the
 * {@link ExportDialog} (customer, company, consultant, logo, language, paper) and takes its details, then the PDF
 * file chooser (which completes a name typed without ".pdf", {@link org.finetuneplanner.ui.shell.FxFileDialogs}).
 * Cancelling any step exports nothing. The other choosers are passed through. Call on the FX thread:
 * every dialog is shown here, before the report is written off the FX thread ({@link ExportViewModel#write}).
 */
public final class ReportFileDialogs implements FileDialogs {
    private final FileDialogs files;
    private final ExportViewModel export;
    private final Supplier<Window> owner;

    public ReportFileDialogs(FileDialogs files, ExportViewModel export, Supplier<Window> owner) {
        this.files = files;
        this.export = export;
        this.owner = owner;
    }

    @Override
    public Path openScenario() {
        return files.openScenario();
    }

    @Override
    public Path saveScenario(String suggestedName) {
        return files.saveScenario(suggestedName);
    }

    @Override
    public Path openConfig() {
        return files.openConfig();
    }

    @Override
    public Path saveCsv(String suggestedName) {
        return files.saveCsv(suggestedName);
    }

    @Override
    public Path saveImage(String suggestedName) {
        return files.saveImage(suggestedName);
    }

    @Override
    public Path openPriceList() {
        return files.openPriceList();
    }

    @Override
    public Path savePriceList(String suggestedName) {
        return files.savePriceList(suggestedName);
    }

    @Override
    public Path savePdf(String suggestedName) {
        boolean ok = new ExportDialog(export, owner.get()).showAndWait().filter(b -> b == ButtonType.OK).isPresent();
        if (!ok) {
            return null;
        }
        export.confirm();
        return files.savePdf(suggestedName);
    }
}
