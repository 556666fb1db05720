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

    @Override
    public Path openScenario() {
        return remember(chooser("chooser.scenario", "*.json").showOpenDialog(owner.get()));
    }

    @Override
    public Path saveScenario(String suggestedName) {
        FileChooser c = chooser("chooser.scenario", "*.json");
        c.setInitialFileName(suggestedName);
        return remember(c.showSaveDialog(owner.get()));
    }

    @Override
    public Path openConfig() {
        return remember(chooser("chooser.config", "*.json").showOpenDialog(owner.get()));
    }

    @Override
    public Path savePdf(String suggestedName) {
        FileChooser c = chooser("chooser.pdf", "*.pdf");
        c.setInitialFileName(suggestedName);
        return remember(c.showSaveDialog(owner.get()));
    }

    @Override
    public Path openPriceList() {
        return remember(chooser("chooser.prices", "*.json").showOpenDialog(owner.get()));
    }

    @Override
    public Path savePriceList(String suggestedName) {
        FileChooser c = chooser("chooser.prices", "*.json");
        c.setInitialFileName(suggestedName);
        return remember(c.showSaveDialog(owner.get()));
    }
}
