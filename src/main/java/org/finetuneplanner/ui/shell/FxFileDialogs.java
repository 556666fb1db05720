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
