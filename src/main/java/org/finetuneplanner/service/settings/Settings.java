package org.finetuneplanner.service.settings;

/**
 * What the app remembers between runs.
 *
 * @param x         window left edge, screen pixels (NaN: let the system place it)
 * @param y         window top edge
 * @param width     window width (≥ 400)
 * @param height    window height (≥ 300)
 * @param maximized whether the window was maximized
 * @param dark      dark theme
 * @param language  ISO 639 language of the interface ("en", "vi")
 * @param zoom      zoom of all text and charts, 1 for the actual size ({@value #MIN_ZOOM} to {@value #MAX_ZOOM};
 *                  outside, or not a number: the nearer bound, or 1)
 */
public record Settings(double x, double y, double width, double height, boolean maximized, boolean dark,
                       String language, double zoom) {
    /** Smallest zoom kept. */
    public static final double MIN_ZOOM = 0.5;
    /** Largest zoom kept. */
    public static final double MAX_ZOOM = 3;

    public Settings {
        width = Double.isFinite(width) ? Math.max(400, width) : 1440;
        height = Double.isFinite(height) ? Math.max(300, height) : 900;
        language = language == null || language.isBlank() ? "en" : language;
        zoom = Double.isNaN(zoom) ? 1 : Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, zoom));
    }

    /** The window, theme and language at the actual size (zoom 1). */
    public Settings(double x, double y, double width, double height, boolean maximized, boolean dark,
                    String language) {
        this(x, y, width, height, maximized, dark, language, 1);
    }

    public static Settings defaults() {
        return new Settings(Double.NaN, Double.NaN, 1440, 900, false, false, "en");
    }
}
