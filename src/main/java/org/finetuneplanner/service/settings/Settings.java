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
 */
public record Settings(double x, double y, double width, double height, boolean maximized, boolean dark,
                       String language) {

    public Settings {
        width = Double.isFinite(width) ? Math.max(400, width) : 1440;
        height = Double.isFinite(height) ? Math.max(300, height) : 900;
        language = language == null || language.isBlank() ? "en" : language;
    }

    public static Settings defaults() {
        return new Settings(Double.NaN, Double.NaN, 1440, 900, false, false, "en");
    }
}
