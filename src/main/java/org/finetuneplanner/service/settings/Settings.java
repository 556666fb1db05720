package org.finetuneplanner.service.settings;

import java.util.ArrayList;
import java.util.List;

/**
 * What the app remembers between runs.
 *
 * @param x            window left edge, screen pixels (NaN: let the system place it)
 * @param y            window top edge
 * @param width        window width (≥ 400)
 * @param height       window height (≥ 300)
 * @param maximized    whether the window was maximized
 * @param dark         dark theme
 * @param language     ISO 639 language of the interface ("en", "vi")
 * @param recentFiles  scenario files opened or saved last, newest first, at most {@value #MAX_RECENT}, each once
 * @param scenarioFile the file the last scenario was opened from or saved to; "" when it has none
 * @param zoom         zoom of all text and charts, 1 for the actual size ({@value #MIN_ZOOM} to {@value #MAX_ZOOM};
 *                     outside, or not a number: the nearer bound, or 1)
 * @param priceList    the file of the seller's price list in force; "" at the catalog's prices
 */
public record Settings(double x, double y, double width, double height, boolean maximized, boolean dark,
                       String language, List<String> recentFiles, String scenarioFile, double zoom,
                       String priceList) {
    /** Longest list of recent files kept (File → Open Recent). */
    public static final int MAX_RECENT = 8;
    /** Smallest zoom kept. */
    public static final double MIN_ZOOM = 0.5;
    /** Largest zoom kept. */
    public static final double MAX_ZOOM = 3;

    public Settings {
        width = Double.isFinite(width) ? Math.max(400, width) : 1440;
        height = Double.isFinite(height) ? Math.max(300, height) : 900;
        language = language == null || language.isBlank() ? "en" : language;
        recentFiles = recent(recentFiles);
        scenarioFile = scenarioFile == null ? "" : scenarioFile.strip();
        zoom = Double.isNaN(zoom) ? 1 : Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, zoom));
        priceList = priceList == null ? "" : priceList.strip();
    }

    /** The window, theme, language, recent files, scenario file and zoom, at the catalog's prices. */
    public Settings(double x, double y, double width, double height, boolean maximized, boolean dark,
                    String language, List<String> recentFiles, String scenarioFile, double zoom) {
        this(x, y, width, height, maximized, dark, language, recentFiles, scenarioFile, zoom, "");
    }

    /** The window, theme, language, recent files and scenario file at the actual size (zoom 1). */
    public Settings(double x, double y, double width, double height, boolean maximized, boolean dark,
                    String language, List<String> recentFiles, String scenarioFile) {
        this(x, y, width, height, maximized, dark, language, recentFiles, scenarioFile, 1);
    }

    /** The window, theme and language, with no recent files, no scenario file, at the actual size. */
    public Settings(double x, double y, double width, double height, boolean maximized, boolean dark,
                    String language) {
        this(x, y, width, height, maximized, dark, language, List.of(), "", 1);
    }

    public static Settings defaults() {
        return new Settings(Double.NaN, Double.NaN, 1440, 900, false, false, "en");
    }

    /** These settings with another list of recent files (newest first; blanks and repeats dropped). */
    public Settings withRecentFiles(List<String> files) {
        return new Settings(x, y, width, height, maximized, dark, language, files, scenarioFile, zoom, priceList);
    }

    /** These settings with another scenario file ("" for none). */
    public Settings withScenarioFile(String file) {
        return new Settings(x, y, width, height, maximized, dark, language, recentFiles, file, zoom, priceList);
    }

    /** These settings with another zoom (View → Zoom in, Zoom out, Actual size). */
    public Settings withZoom(double value) {
        return new Settings(x, y, width, height, maximized, dark, language, recentFiles, scenarioFile, value,
                priceList);
    }

    /** These settings with another price list file ("" for the catalog's prices). */
    public Settings withPriceList(String file) {
        return new Settings(x, y, width, height, maximized, dark, language, recentFiles, scenarioFile, zoom, file);
    }

    /** Each file once, newest first, no blank names, at most {@value #MAX_RECENT}. */
    private static List<String> recent(List<String> files) {
        List<String> kept = new ArrayList<>();
        if (files != null) {
            for (String f : files) {
                if (f != null && !f.isBlank() && !kept.contains(f.strip()) && kept.size() < MAX_RECENT) {
                    kept.add(f.strip());
                }
            }
        }
        return List.copyOf(kept);
    }
}
