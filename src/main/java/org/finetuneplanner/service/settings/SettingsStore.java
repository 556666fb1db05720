package org.finetuneplanner.service.settings;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import org.finetuneplanner.service.io.AtomicFiles;
import org.finetuneplanner.service.io.Bounds;
import org.finetuneplanner.service.io.SafeJson;

/**
 * The app's settings ({@value #SETTINGS}, a {@link SettingsFile} record bound by {@link SafeJson}: window, theme,
 * language, recent files, the last scenario's file, the zoom and the price list in force) and last scenario in a
 * folder of the user's home. Writes go through {@link AtomicFiles}, so a crash never leaves half a file; a damaged
 * file is moved aside (kept for inspection) and defaults are used.
 */
public final class SettingsStore {
    static final String SETTINGS = "settings.json";
    /** The format of the settings file. */
    static final String FORMAT = "finetune-settings/1";
    /** Largest screen coordinate or size accepted, pixels. */
    static final double MAX_COORDINATE = 100_000;
    static final String LAST_SCENARIO = "last-scenario.json";
    /** Longest file name kept in the list of recent files (Linux's PATH_MAX). */
    static final int MAX_PATH_CHARS = 4096;
    /** Real settings files are a few hundred bytes. */
    static final long MAX_SETTINGS_BYTES = 64 * 1024;

    private final Path folder;

    public SettingsStore(Path folder) {
        this.folder = folder;
    }

    /** {@code $XDG_CONFIG_HOME/finetune-planner}, else {@code ~/.config/finetune-planner}. */
    public static SettingsStore standard() {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".config");
        return new SettingsStore(base.resolve("finetune-planner"));
    }

    public Path folder() {
        return folder;
    }

    /**
     * What was read, and where a damaged file was moved (empty when nothing was damaged).
     *
     * @param value    the settings (defaults when missing or damaged)
     * @param setAside the damaged file's new name
     */
    public record Loaded<T>(T value, Optional<Path> setAside) {
    }

    /**
     * The JSON shape of the settings file: {@code {"format": "finetune-settings/1", "window": {"x": …, "y": …,
     * "width": …, "height": …, "maximized": …}, "theme": {"dark": …}, "language": "vi", "recent": ["/home/…/a.json",
     * …], "scenario": {"file": "/home/…/a.json"}, "view": {"zoom": 1.1}, "prices": {"file": "/home/…/vinagpu.json"}}}.
     * A missing key takes its default (a file of an earlier version has no {@code prices}: the catalog's prices);
     * screen coordinates are within ±100,000; a recent file, scenario file or price list file that is no path of this
     * system is dropped; a zoom outside the app's range is brought to the nearer end of it.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record SettingsFile(String format, Window window, Theme theme, String language, List<String> recent,
                        FileRef scenario, View view, FileRef prices) {
        static SettingsFile of(Settings s) {
            return new SettingsFile(FORMAT, new Window(coordinate(s.x()), coordinate(s.y()), s.width(), s.height(),
                    s.maximized()), new Theme(s.dark()), s.language(), s.recentFiles(), FileRef.of(s.scenarioFile()),
                    new View(s.zoom()), FileRef.of(s.priceList()));
        }

        /** A position the system chooses (NaN) is written as null. */
        private static Double coordinate(double value) {
            return Double.isNaN(value) ? null : value;
        }

        Settings toSettings() {
            Settings d = Settings.defaults();
            Window w = window == null ? new Window(null, null, null, null, null) : window;
            String lang = language == null ? d.language() : language.strip();
            if (format != null && !FORMAT.equals(format) || !lang.matches("[a-z]{2,3}")) {
                throw new IllegalArgumentException("not a settings file of this version");
            }
            List<String> files = recent == null ? List.of()
                    : recent.stream().filter(SettingsStore::isPath).toList();
            return new Settings(or(w.x(), d.x()), or(w.y(), d.y()), or(w.width(), d.width()),
                    or(w.height(), d.height()), or(w.maximized(), d.maximized()),
                    theme == null ? d.dark() : or(theme.dark(), d.dark()), lang, files, FileRef.path(scenario),
                    view == null ? d.zoom() : or(view.zoom(), d.zoom()), FileRef.path(prices));
        }

        private static <T> T or(T value, T fallback) {
            return value == null ? fallback : value;
        }
    }

    /** The window's place and size, screen pixels. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Window(@Bounds(min = -MAX_COORDINATE, max = MAX_COORDINATE) Double x,
                  @Bounds(min = -MAX_COORDINATE, max = MAX_COORDINATE) Double y,
                  @Bounds(min = 0, max = MAX_COORDINATE) Double width,
                  @Bounds(min = 0, max = MAX_COORDINATE) Double height, Boolean maximized) {
    }

    /** The colour theme. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Theme(Boolean dark) {
    }

    /** How large the window draws its text and charts (View → Zoom). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record View(Double zoom) {
    }

    /** A file the settings name: the last scenario's, the price list's (null: none). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record FileRef(String file) {
        static FileRef of(String file) {
            return new FileRef(file.isEmpty() ? null : file);
        }

        /** The file when it is a path of this system, else "". */
        static String path(FileRef ref) {
            return ref == null || !isPath(ref.file()) ? "" : ref.file();
        }
    }

    /** Whether {@code text} names a file of this system (a list written elsewhere may hold anything). */
    static boolean isPath(String text) {
        if (text == null || text.isBlank() || text.length() > MAX_PATH_CHARS) {
            return false;
        }
        try {
            return Path.of(text).isAbsolute();
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /**
     * The saved settings; defaults when there are none or the file is damaged (then it is moved aside). When there
     * is no {@value #SETTINGS} yet but the {@value LegacySettings#FILE} of an earlier version is there, its values
     * are carried over: read once and saved as {@value #SETTINGS} at once (the old file is left as it was, for that
     * version).
     */
    public Loaded<Settings> load() {
        Path file = folder.resolve(SETTINGS);
        Path legacy = folder.resolve(LegacySettings.FILE);
        if (Files.notExists(file) && Files.exists(legacy)) {
            Loaded<Settings> carried = read(legacy, LegacySettings::parse);
            if (carried.setAside().isEmpty() && Files.notExists(file)) {
                try {
                    save(carried.value());
                } catch (IOException e) {
                    // Not lost: the old file is still there and is read again on the next start.
                }
            }
            return carried;
        }
        return read(file, text -> SafeJson.bind(text, SettingsFile.class).toSettings());
    }

    /** How the text of a settings file becomes settings; throws when the file is damaged. */
    @FunctionalInterface
    private interface Format {
        Settings parse(String text) throws IOException;
    }

    private static Loaded<Settings> read(Path file, Format format) {
        String text;
        try {
            // A file of gigabytes (a disk error, a mistaken copy) is damage, not a reason to run out of memory.
            if (Files.size(file) > MAX_SETTINGS_BYTES) {
                return new Loaded<>(Settings.defaults(), setAside(file));
            }
            try (InputStream in = Files.newInputStream(file)) {
                text = SafeJson.readText(in);
            }
        } catch (NoSuchFileException e) {
            return new Loaded<>(Settings.defaults(), Optional.empty());
        } catch (IOException | RuntimeException e) {
            return new Loaded<>(Settings.defaults(), setAside(file));
        }
        try {
            return new Loaded<>(format.parse(text), Optional.empty());
        } catch (IOException | RuntimeException e) {
            return new Loaded<>(Settings.defaults(), setAside(file));
        }
    }

    /**
     * Saves the settings atomically. A settings file that is a symbolic link (a dotfile manager's) is written
     * through: the file it points to is replaced and the link kept.
     */
    public void save(Settings s) throws IOException {
        Files.createDirectories(folder);
        AtomicFiles.writeString(folder.resolve(SETTINGS), AtomicFiles.Links.FOLLOW,
                SafeJson.pretty(SettingsFile.of(s)));
    }

    /**
     * Remembers the price list in force at once, not only when the app quits, so that the start after a crash puts
     * it back before it reads the autosave: the saved settings with only the price list's file replaced ("" for the
     * catalog's prices). A damaged settings file is set aside as {@link #load()} does, and defaults are written.
     *
     * @throws IOException when the settings cannot be written
     */
    public void rememberPriceList(String file) throws IOException {
        save(load().value().withPriceList(file));
    }

    /** The last scenario's JSON text, if one was saved. */
    public Optional<String> lastScenario() throws IOException {
        Path file = folder.resolve(LAST_SCENARIO);
        try (InputStream in = Files.newInputStream(file)) {
            if (Files.size(file) > SafeJson.MAX_DOCUMENT_BYTES) {
                throw new IOException(file + " is larger than a scenario can be (" + SafeJson.MAX_DOCUMENT_BYTES
                        + " bytes)");
            }
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Saves the last scenario's JSON text atomically (through a symbolic link, as {@link #save}). */
    public void saveLastScenario(String json) throws IOException {
        Files.createDirectories(folder);
        AtomicFiles.writeString(folder.resolve(LAST_SCENARIO), AtomicFiles.Links.FOLLOW, json);
    }

    /** Moves the damaged last scenario aside; returns its new name. */
    public Optional<Path> setAsideLastScenario() {
        return setAside(folder.resolve(LAST_SCENARIO));
    }

    private static Optional<Path> setAside(Path file) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path target = file.resolveSibling(file.getFileName() + ".damaged-" + stamp);
        // Never replace an earlier damaged copy (two in the same second): it is kept for the user to look at.
        for (int n = 2; Files.exists(target) && n < 1000; n++) {
            target = file.resolveSibling(file.getFileName() + ".damaged-" + stamp + "-" + n);
        }
        try {
            Files.move(file, target);
            return Optional.of(target);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
