package org.finetuneplanner.ui.shell;

import java.io.File;
import java.nio.file.Path;
import java.util.function.Supplier;

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
    private Path open(String filterKey, String pattern) {
        return remember(chooser(filterKey, pattern).showOpenDialog(owner.get()));
    }

    /** Where to save, {@code suggestedName} offered; null when cancelled. */
    private Path save(String filterKey, String pattern, String suggestedName) {
        FileChooser c = chooser(filterKey, pattern);
        c.setInitialFileName(suggestedName);
        return remember(c.showSaveDialog(owner.get()));
    }

    @Override
    public Path openScenario() {
        return open("chooser.scenario", "*.json");
    }

    @Override
    public Path saveScenario(String suggestedName) {
        return save("chooser.scenario", "*.json", suggestedName);
    }

    @Override
    public Path openConfig() {
        return open("chooser.config", "*.json");
    }

    @Override
    public Path saveCsv(String suggestedName) {
        FileChooser c = chooser("chooser.csv", "*.csv");
        c.setInitialFileName(suggestedName + ".csv");
        return withExtension(remember(c.showSaveDialog(owner.get())), ".csv", ".csv");
    }

    @Override
    public Path saveImage(String suggestedName) {
        FileChooser c = chooser("chooser.png", "*.png");
        FileChooser.ExtensionFilter svg = new FileChooser.ExtensionFilter(messages.get().text("chooser.svg"),
                "*.svg");
        c.getExtensionFilters().add(svg);
        c.setInitialFileName(suggestedName + ".png");
        Path chosen = remember(c.showSaveDialog(owner.get()));
        return withExtension(chosen, c.getSelectedExtensionFilter() == svg ? ".svg" : ".png", ".png", ".svg");
    }

    /** {@code file} with {@code wanted} added when its name ends in none of {@code known} (any case). */
    static Path withExtension(Path file, String wanted, String... known) {
        if (file == null) {
            return null;
        }
        String name = String.valueOf(file.getFileName());
        for (String k : known) {
            if (name.toLowerCase(java.util.Locale.ROOT).endsWith(k)) {
                return file;
            }
        }
        return file.resolveSibling(name + wanted);
    }

    @Override
    public Path savePdf(String suggestedName) {
        return save("chooser.pdf", "*.pdf", suggestedName);
    }

    @Override
    public Path openPriceList() {
        return open("chooser.prices", "*.json");
    }

    @Override
    public Path savePriceList(String suggestedName) {
        return save("chooser.prices", "*.json", suggestedName);
    }
}
