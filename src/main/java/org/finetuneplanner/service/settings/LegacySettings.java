package org.finetuneplanner.service.settings;

import java.io.IOException;
import java.io.StringReader;
import java.util.Locale;
import java.util.Properties;

/**
 * Reads the settings file of the versions before {@code settings.json}: {@value #FILE}, Java properties with the keys
 * {@code window.x}, {@code window.y}, {@code window.width}, {@code window.height} (numbers, {@code NaN} for a place
 * the system chooses), {@code window.maximized}, {@code theme.dark} ({@code true} or {@code false}) and
 * {@code language} (an ISO 639 code). A missing key takes its default. Only read, once, to carry a user's settings
 * over ({@link SettingsStore#load()}); never written.
 */
final class LegacySettings {
    /** The old settings file, beside {@code settings.json}. */
    static final String FILE = "settings.properties";

    private LegacySettings() {
    }

    /**
     * The settings of an old file's text.
     *
     * @throws IllegalArgumentException when a value is not what its key allows (the file is damaged)
     * @throws IOException              when the text is not a properties file
     */
    static Settings parse(String text) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(text));
        Settings d = Settings.defaults();
        return new Settings(number(p, "window.x", d.x()), number(p, "window.y", d.y()),
                number(p, "window.width", d.width()), number(p, "window.height", d.height()),
                bool(p, "window.maximized", d.maximized()), bool(p, "theme.dark", d.dark()),
                language(p.getProperty("language", d.language())));
    }

    private static double number(Properties p, String key, double fallback) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank() || v.strip().equals("NaN")) {
            return fallback;
        }
        double d = Double.parseDouble(v.strip());
        if (!Double.isFinite(d) || Math.abs(d) > SettingsStore.MAX_COORDINATE) {
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
}
