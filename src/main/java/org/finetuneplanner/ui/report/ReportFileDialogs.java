package org.finetuneplanner.ui.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

import org.finetuneplanner.service.text.Words;
import org.finetuneplanner.ui.shell.FileDialogs;

/**
 * The File menu's choosers with the report's details asked first: File → Export PDF… shows the
 * {@link ExportDialog} (customer, company, consultant, logo, language, paper) and takes its details, then the PDF
 * file chooser; a name typed without ".pdf" gets it, and replacing a file the chooser did not ask about is
 * confirmed. Cancelling any step exports nothing. The other choosers are passed through. Call on the FX thread:
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
        Path chosen = files.savePdf(suggestedName);
        if (chosen == null) {
            return null;
        }
        Path target = withPdfExtension(chosen);
        // The chooser asked about the name it returned; a name we completed may hide another file.
        if (!target.equals(chosen) && Files.exists(target) && !replace(target)) {
            return null;
        }
        return target;
    }

    /** {@code file} with ".pdf" added when its name has no extension of that name (any case). */
    static Path withPdfExtension(Path file) {
        String name = String.valueOf(file.getFileName());
        return name.toLowerCase(Locale.ROOT).endsWith(".pdf") ? file : file.resolveSibling(name + ".pdf");
    }

    private boolean replace(Path target) {
        Locale locale = export.uiLocaleProperty().get();
        Words text = Words.forLocale(locale == null ? Locale.ENGLISH : locale);
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, text.text("export.replace", target.getFileName()),
                ButtonType.OK, ButtonType.CANCEL);
        ask.setTitle(text.text("dialog.title"));
        ask.setHeaderText(null);
        Window w = owner.get();
        if (w != null) {
            ask.initOwner(w);
        }
        return ask.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
    }
}
