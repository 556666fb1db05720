package org.finetuneplanner.ui.shell;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import org.finetuneplanner.ui.common.Messages;

/** {@link FileDialogs} with JavaFX FileChoosers; remembers the last folder for the session. */
public final class FxFileDialogs implements FileDialogs {
    private final Supplier<Window> owner;
    private final Supplier<Messages> messages;
    private File folder;

    public FxFileDialogs(Supplier<Window> owner, Supplier<Messages> messages) {
        this.owner = owner;
        this.messages = messages;
    }

    private FileChooser chooser(String filterKey, String... patterns) {
        FileChooser c = new FileChooser();
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter(messages.get().text(filterKey), patterns));
        if (folder != null && folder.isDirectory()) {
            c.setInitialDirectory(folder);
        }
        return c;
    }

    private Path remember(File f) {
        if (f == null) {
            return null;
        }
        folder = f.getParentFile();
        return f.toPath();
    }

    /** A file to open, of the chooser's kind ({@code filterKey}); null when cancelled. */
    private Path open(String filterKey, String extension) {
        return remember(chooser(filterKey, "*" + extension).showOpenDialog(owner.get()));
    }

    /**
     * Where to save a file of the chooser's kind, {@code suggestedName} offered with {@code extension}; a name typed
     * without it gets it (GTK's chooser adds none, and a report saved as "plan" would not open as a PDF); null when
     * cancelled.
     */
    private Path save(String filterKey, String extension, String suggestedName) {
        FileChooser c = chooser(filterKey, "*" + extension);
        c.setInitialFileName(withExtension(suggestedName, extension, extension));
        return completed(remember(c.showSaveDialog(owner.get())), extension, extension);
    }

    /**
     * The chosen file with {@code wanted} added when its name ends in none of {@code known}; the chooser asked about
     * replacing the name it returned, so a completed name that is an existing file is asked about here (null when
     * the user keeps it).
     */
    private Path completed(Path chosen, String wanted, String... known) {
        Path target = withExtension(chosen, wanted, known);
        if (target == null || target.equals(chosen) || !Files.exists(target)) {
            return target;
        }
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION,
                messages.get().text("chooser.replace", target.getFileName()), ButtonType.OK, ButtonType.CANCEL);
        ask.setTitle(messages.get().text("chooser.replace.title"));
        ask.setHeaderText(null);
        Window w = owner.get();
        if (w != null) {
            ask.initOwner(w);
        }
        return ask.showAndWait().filter(b -> b == ButtonType.OK).isPresent() ? target : null;
    }

    @Override
    public Path openScenario() {
        return open("chooser.scenario", ".json");
    }

    @Override
    public Path saveScenario(String suggestedName) {
        return save("chooser.scenario", ".json", suggestedName);
    }

    @Override
    public Path openConfig() {
        return open("chooser.config", ".json");
    }

    @Override
    public Path saveCsv(String suggestedName) {
        return save("chooser.csv", ".csv", suggestedName);
    }

    @Override
    public Path saveImage(String suggestedName) {
        FileChooser c = chooser("chooser.png", "*.png");
        FileChooser.ExtensionFilter svg = new FileChooser.ExtensionFilter(messages.get().text("chooser.svg"),
                "*.svg");
        c.getExtensionFilters().add(svg);
        c.setInitialFileName(withExtension(suggestedName, ".png", ".png", ".svg"));
        Path chosen = remember(c.showSaveDialog(owner.get()));
        return completed(chosen, c.getSelectedExtensionFilter() == svg ? ".svg" : ".png", ".png", ".svg");
    }

    /** {@code file} with {@code wanted} added when its name ends in none of {@code known} (any case). */
    static Path withExtension(Path file, String wanted, String... known) {
        if (file == null) {
            return null;
        }
        String name = String.valueOf(file.getFileName());
        String named = withExtension(name, wanted, known);
        return named.equals(name) ? file : file.resolveSibling(named);
    }

    /** {@code name} with {@code wanted} added when it ends in none of {@code known} (any case). */
    static String withExtension(String name, String wanted, String... known) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        for (String k : known) {
            if (lower.endsWith(k)) {
                return name;
            }
        }
        return name + wanted;
    }

    @Override
    public Path savePdf(String suggestedName) {
        return save("chooser.pdf", ".pdf", suggestedName);
    }

    @Override
    public Path openPriceList() {
        return open("chooser.prices", ".json");
    }

    @Override
    public Path savePriceList(String suggestedName) {
        return save("chooser.prices", ".json", suggestedName);
    }
}
