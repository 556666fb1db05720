package org.finetuneplanner.ui.shell;

import java.util.List;

import javafx.geometry.Rectangle2D;

import org.finetuneplanner.service.settings.Settings;

/**
 * Where the window opens: the remembered size and place, made to fit the screen it is on. A window larger than
 * the screen's visible area (a 1440×900 default on a 1280×720 projector) shrinks to it; one whose remembered place
 * is on no screen any more (a monitor unplugged) is centred on the primary screen. Pure.
 */
public final class WindowPlace {
    private WindowPlace() {
    }

    /**
     * @param s       the remembered settings (x and y NaN when never placed)
     * @param screens the visible bounds of each screen (without task bars)
     * @param primary the visible bounds of the primary screen
     * @return the window's bounds: within one screen's visible area
     */
    public static Rectangle2D fit(Settings s, List<Rectangle2D> screens, Rectangle2D primary) {
        Rectangle2D screen = primary;
        boolean placed = Double.isFinite(s.x()) && Double.isFinite(s.y());
        if (placed) {
            for (Rectangle2D r : screens) {
                if (r.contains(s.x() + 50, s.y() + 20)) {
                    screen = r;
                    break;
                }
            }
            placed = screens.stream().anyMatch(r -> r.contains(s.x() + 50, s.y() + 20));
        }
        double w = Math.min(s.width() > 0 ? s.width() : screen.getWidth(), screen.getWidth());
        double h = Math.min(s.height() > 0 ? s.height() : screen.getHeight(), screen.getHeight());
        double x = placed ? s.x() : screen.getMinX() + (screen.getWidth() - w) / 2;
        double y = placed ? s.y() : screen.getMinY() + (screen.getHeight() - h) / 2;
        // Keep the whole window on its screen: move it in before anything else.
        x = Math.max(screen.getMinX(), Math.min(x, screen.getMaxX() - w));
        y = Math.max(screen.getMinY(), Math.min(y, screen.getMaxY() - h));
        return new Rectangle2D(x, y, w, h);
    }

    /**
     * Whether {@code place} takes a whole screen's visible area (the default or a remembered size shrunk to a small
     * screen): such a window opens maximized. Asked for a window as large as the screen, a window manager that keeps
     * the frame on screen gives it its least size instead (openbox at 1280×720: 898×575).
     */
    public static boolean fillsScreen(Rectangle2D place, List<Rectangle2D> screens) {
        return screens.stream().anyMatch(r -> place.getWidth() >= r.getWidth() && place.getHeight() >= r.getHeight()
                && r.contains(place.getMinX() + 1, place.getMinY() + 1));
    }
}
