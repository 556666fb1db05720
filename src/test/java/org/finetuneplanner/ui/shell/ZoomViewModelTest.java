package org.finetuneplanner.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ZoomViewModelTest {
    private final ZoomViewModel zoom = new ZoomViewModel();

    @Test
    void startsAtTheActualSize() {
        assertEquals(1.0, zoom.getFactor());
        assertEquals(100, zoom.percentProperty().getValue());
        assertTrue(zoom.canZoomInProperty().getValue());
        assertTrue(zoom.canZoomOutProperty().getValue());
    }

    @Test
    void zoomInWalksEveryStepUpToTheLargestThenStops() {
        List<Integer> seen = new ArrayList<>();
        while (zoom.zoomIn()) {
            seen.add(zoom.percentProperty().getValue());
        }
        // The steps above 1: 1.1, 1.25, 1.5, 1.75, 2.0 (ZoomViewModel.STEPS), in whole percent.
        assertEquals(List.of(110, 125, 150, 175, 200), seen);
        assertFalse(zoom.zoomIn(), "no step beyond the largest");
        assertEquals(2.0, zoom.getFactor());
        assertFalse(zoom.canZoomInProperty().getValue());
        assertTrue(zoom.canZoomOutProperty().getValue());
    }

    @Test
    void zoomOutWalksDownToTheSmallestThenStops() {
        assertTrue(zoom.zoomOut());
        assertEquals(0.9, zoom.getFactor());
        assertTrue(zoom.zoomOut());
        assertEquals(0.8, zoom.getFactor());
        assertFalse(zoom.zoomOut(), "0.8 is the smallest step");
        assertEquals(0.8, zoom.getFactor());
        assertFalse(zoom.canZoomOutProperty().getValue());
    }

    @Test
    void inThenOutComesBackToTheSameSizeAndResetIsTheActualSize() {
        zoom.zoomIn();
        zoom.zoomIn();
        zoom.zoomOut();
        zoom.zoomOut();
        assertEquals(1.0, zoom.getFactor());
        zoom.zoomIn();
        zoom.zoomIn();
        zoom.zoomIn();
        assertEquals(1.5, zoom.getFactor());
        zoom.reset();
        assertEquals(1.0, zoom.getFactor());
    }

    /** A remembered factor goes to the nearest step, so the next key press moves by one whole step. */
    @ParameterizedTest
    @CsvSource({"1.0, 1.0", "1.12, 1.1", "1.2, 1.25", "1.6, 1.5", "3.0, 2.0", "0.5, 0.8", "NaN, 1.0",
            "Infinity, 1.0"})
    void aRememberedFactorIsBroughtToTheNearestStep(double remembered, double expected) {
        zoom.restore(remembered);
        assertEquals(expected, zoom.getFactor());
    }

    @Test
    void afterARestoredFactorOneKeyPressIsOneStep() {
        zoom.restore(1.3);   // nearest step 1.25
        assertTrue(zoom.zoomIn());
        assertEquals(1.5, zoom.getFactor());
    }
}
