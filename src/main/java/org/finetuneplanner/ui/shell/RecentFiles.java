package org.finetuneplanner.ui.shell;

import java.nio.file.Path;
import java.util.List;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.finetuneplanner.service.settings.Settings;

/** File → Open Recent: scenario files opened or saved last, newest first, each once. Call on the FX thread. */
public final class RecentFiles {
    /** As many as the settings keep. */
    public static final int LIMIT = Settings.MAX_RECENT;

    private final ObservableList<Path> files = FXCollections.observableArrayList();
    private final ObservableList<Path> view = FXCollections.unmodifiableObservableList(files);

    /** Puts {@code file} first (moving it up when it is already listed); the oldest beyond the limit goes. */
    public void add(Path file) {
        Path f = file.toAbsolutePath().normalize();
        files.remove(f);
        files.add(0, f);
        if (files.size() > LIMIT) {
            files.remove(LIMIT, files.size());
        }
    }

    /** Takes {@code file} off the list (it is gone from the disk). */
    public void remove(Path file) {
        files.remove(file.toAbsolutePath().normalize());
    }

    /** Replaces the list (read from the settings), newest first, keeping the first {@value #LIMIT}. */
    public void setAll(List<Path> list) {
        files.setAll(list.stream().map(p -> p.toAbsolutePath().normalize()).distinct().limit(LIMIT).toList());
    }

    public void clear() {
        files.clear();
    }

    /** The list, newest first (read-only). */
    public ObservableList<Path> files() {
        return view;
    }
}
