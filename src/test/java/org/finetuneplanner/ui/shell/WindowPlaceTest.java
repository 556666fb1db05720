package org.finetuneplanner.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import javafx.geometry.Rectangle2D;

import org.finetuneplanner.service.settings.Settings;
import org.junit.jupiter.api.Test;

class WindowPlaceTest {
    private static final Rectangle2D PROJECTOR = new Rectangle2D(0, 0, 1280, 720);
    private static final Rectangle2D RIGHT = new Rectangle2D(1280, 0, 1920, 1080);

    private static Settings at(double x, double y, double w, double h) {
        return new Settings(x, y, w, h, false, false, "en");
    }

    @Test
    void theDefaultSizeShrinksToASmallScreenAndFillsIt() {
        // 1440 × 900 (the default) on a 1280 × 720 projector: the whole visible area, from its corner.
        Rectangle2D r = WindowPlace.fit(Settings.defaults(), List.of(PROJECTOR), PROJECTOR);
        assertEquals(new Rectangle2D(0, 0, 1280, 720), r);
    }

    @Test
    void aNeverPlacedWindowIsCentredOnThePrimaryScreen() {
        Rectangle2D r = WindowPlace.fit(at(Double.NaN, Double.NaN, 1000, 600), List.of(RIGHT), RIGHT);
        // x = 1280 + (1920 − 1000) / 2 = 1740; y = (1080 − 600) / 2 = 240
        assertEquals(new Rectangle2D(1740, 240, 1000, 600), r);
    }

    @Test
    void aRememberedPlaceOnASecondScreenStaysThereAndIsPulledIn() {
        // At x = 2900 a 1000-wide window would end at 3900, past the right screen's 3200: moved to 2200.
        Rectangle2D r = WindowPlace.fit(at(2900, 100, 1000, 600), List.of(PROJECTOR, RIGHT), PROJECTOR);
        assertEquals(new Rectangle2D(2200, 100, 1000, 600), r);
    }

    @Test
    void aPlaceOnAScreenThatIsGoneMovesToThePrimary() {
        // Remembered on a monitor since unplugged: centred on the projector, shrunk to it.
        Rectangle2D r = WindowPlace.fit(at(3000, 200, 1440, 900), List.of(PROJECTOR), PROJECTOR);
        assertEquals(new Rectangle2D(0, 0, 1280, 720), r);
    }

    @Test
    void aWindowAsLargeAsItsScreenOpensMaximizedASmallerOneDoesNot() {
        // The default 1440×900 on a 1280×720 projector becomes the projector's whole area: maximized.
        Rectangle2D projector = WindowPlace.fit(Settings.defaults(), List.of(PROJECTOR), PROJECTOR);
        assertTrue(WindowPlace.fillsScreen(projector, List.of(PROJECTOR)));
        // 1000×600 on the right-hand screen: a window, not maximized, on either screen.
        Rectangle2D small = WindowPlace.fit(at(Double.NaN, Double.NaN, 1000, 600), List.of(RIGHT), RIGHT);
        assertFalse(WindowPlace.fillsScreen(small, List.of(PROJECTOR, RIGHT)));
    }
}
