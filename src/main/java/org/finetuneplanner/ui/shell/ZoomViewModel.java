package org.finetuneplanner.ui.shell;

import java.util.List;

import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.value.ObservableValue;

/**
 * The zoom of all text and charts (View → Zoom in, Zoom out, Actual size): one factor moved along fixed steps, as
 * browsers do, so Ctrl + then Ctrl − comes back to the same size. The views scale the scene's root font by it; every
 * size in the style sheets is in em, so the whole window follows. Call on the FX thread.
 */
public final class ZoomViewModel {
    /** The factors offered, smallest first; 1 is the actual size. */
    public static final List<Double> STEPS = List.of(0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0);

    private final ReadOnlyDoubleWrapper factor = new ReadOnlyDoubleWrapper(this, "factor", 1.0);
    private final ObservableValue<Boolean> canZoomIn = factor.map(f -> step(f.doubleValue()) < STEPS.size() - 1);
    private final ObservableValue<Boolean> canZoomOut = factor.map(f -> step(f.doubleValue()) > 0);
    private final ObservableValue<Integer> percent = factor.map(f -> (int) Math.round(f.doubleValue() * 100));

    /** One step larger; false (and nothing changes) at the largest. */
    public boolean zoomIn() {
        return moveTo(step(factor.get()) + 1);
    }

    /** One step smaller; false (and nothing changes) at the smallest. */
    public boolean zoomOut() {
        return moveTo(step(factor.get()) - 1);
    }

    /** The actual size (factor 1). */
    public void reset() {
        factor.set(1.0);
    }

    /**
     * A remembered factor, brought to the nearest step (the nearer end beyond them; the actual size when it is not a
     * number), so the next Ctrl + or Ctrl − moves by one whole step.
     */
    public void restore(double remembered) {
        factor.set(Double.isFinite(remembered) ? STEPS.get(step(remembered)) : 1.0);
    }

    private boolean moveTo(int index) {
        if (index < 0 || index >= STEPS.size()) {
            return false;
        }
        factor.set(STEPS.get(index));
        return true;
    }

    /** The index of the step nearest to {@code f}. */
    private static int step(double f) {
        int best = 0;
        for (int i = 1; i < STEPS.size(); i++) {
            if (Math.abs(STEPS.get(i) - f) < Math.abs(STEPS.get(best) - f)) {
                best = i;
            }
        }
        return best;
    }

    /** The factor, 1 for the actual size. */
    public ReadOnlyDoubleProperty factorProperty() {
        return factor.getReadOnlyProperty();
    }

    public double getFactor() {
        return factor.get();
    }

    /** The factor in whole percent (110 for 1.1), for the menus and the status line. */
    public ObservableValue<Integer> percentProperty() {
        return percent;
    }

    /** Whether there is a larger step (Zoom in is enabled). */
    public ObservableValue<Boolean> canZoomInProperty() {
        return canZoomIn;
    }

    /** Whether there is a smaller step (Zoom out is enabled). */
    public ObservableValue<Boolean> canZoomOutProperty() {
        return canZoomOut;
    }
}
