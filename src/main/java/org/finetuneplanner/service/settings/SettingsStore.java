package org.finetuneplanner.service.settings;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

import org.finetuneplanner.service.io.AtomicFiles;
import org.finetuneplanner.service.io.SafeJson;

/**
 * The app's settings and last scenario in a folder of the user's home. Writes go through {@link AtomicFiles}, so a
 * crash never leaves half a file; a damaged file is moved aside (kept for inspection) and defaults are used.
 */
public final class SettingsStore {
    static final String SETTINGS = "settings.properties";
    static final String LAST_SCENARIO = "last-scenario.json";
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

    /** The saved settings; defaults when there are none or the file is damaged (then it is moved aside). */
    public Loaded<Settings> load() {
        Path file = folder.resolve(SETTINGS);
        String text;
        try {
            // A file of gigabytes (a disk error, a mistaken copy) is damage, not a reason to run out of memory.
            if (Files.size(file) > MAX_SETTINGS_BYTES) {
                return new Loaded<>(Settings.defaults(), setAside(file));
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new Loaded<>(Settings.defaults(), Optional.empty());
        } catch (IOException | RuntimeException e) {
            return new Loaded<>(Settings.defaults(), setAside(file));
        }
        try {
            Properties p = new Properties();
            p.load(new StringReader(text));
            Settings d = Settings.defaults();
            Settings s = new Settings(number(p, "window.x", d.x()), number(p, "window.y", d.y()),
                    number(p, "window.width", d.width()), number(p, "window.height", d.height()),
                    bool(p, "window.maximized", d.maximized()), bool(p, "theme.dark", d.dark()),
                    language(p.getProperty("language", d.language())));
            return new Loaded<>(s, Optional.empty());
        } catch (IllegalArgumentException | IOException e) {
            return new Loaded<>(Settings.defaults(), setAside(file));
        }
    }

    private static double number(Properties p, String key, double fallback) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank() || v.strip().equals("NaN")) {
            return fallback;
        }
        double d = Double.parseDouble(v.strip());
        if (!Double.isFinite(d) || Math.abs(d) > 100_000) {
            throw new IllegalArgumentException(key + " = " + v + " is not a screen coordinate");
        }
        return d;
    }

    private static boolean bool(Properties p, String key, boolean fallback) {
        String v = p.getProperty(key);
        if (v == null) {
            return fallback;
        }
        return switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(key + " = " + v + " is not true or false");
        };
    }

    private static String language(String v) {
        String s = v.strip();
        if (!s.matches("[a-z]{2,3}")) {
            throw new IllegalArgumentException("language = " + v + " is not an ISO 639 code");
        }
        return s;
    }

    /**
     * Saves the settings atomically. A settings file that is a symbolic link (a dotfile manager's) is written
     * through: the file it points to is replaced and the link kept.
     */
    public void save(Settings s) throws IOException {
        Properties p = new Properties();
        p.setProperty("window.x", Double.toString(s.x()));
        p.setProperty("window.y", Double.toString(s.y()));
        p.setProperty("window.width", Double.toString(s.width()));
        p.setProperty("window.height", Double.toString(s.height()));
        p.setProperty("window.maximized", Boolean.toString(s.maximized()));
        p.setProperty("theme.dark", Boolean.toString(s.dark()));
        p.setProperty("language", s.language());
        Files.createDirectories(folder);
        AtomicFiles.write(folder.resolve(SETTINGS), AtomicFiles.Links.FOLLOW,
                out -> p.store(out, "Fine-Tune Planner settings"));
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
