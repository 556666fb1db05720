package org.finetuneplanner.ui.planner;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;

import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Node;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;

import org.finetuneplanner.core.memory.MemoryComponent;
import org.finetuneplanner.core.range.FitStatus;
import org.finetuneplanner.ui.common.Styles;

/**
 * One GPU's memory as a stacked bar against the card's capacity: a segment per part, a line at the capacity,
 * the free space outlined and anything beyond the capacity hatched red; where the data carry a range, a whisker
 * from its low to its high end over the bar (where the measured total may lie). The bar spans max(capacity, total,
 * range's high end), or a common span shared with other bars. Pseudo-classes {@code :over} (the total is beyond
 * the capacity) and {@code :tight} (only the total fits, not the range's high end).
 * Clicking a segment reports its part (for the explanation). Only drawing: the data comes in ready.
 */
public final class MemoryBar extends Region {
    private final Map<MemoryComponent, Region> segments = new EnumMap<>(MemoryComponent.class);
    private final Map<MemoryComponent, Tooltip> tips = new EnumMap<>(MemoryComponent.class);
    private final Region headroom = new Region();
    private final Region overflow = new Region();
    private final Region capacityLine = new Region();
    private final Region rangeBand = new Region();
    private final Region rangeWhisker = new Region();
    private final ObjectProperty<MemoryBarData> data = new SimpleObjectProperty<>(this, "data");
    private final ObjectProperty<MemoryComponent> selected = new SimpleObjectProperty<>(this, "selected");
    private final LongProperty span = new SimpleLongProperty(this, "span", 0);
    private BiFunction<MemoryBarData, MemoryComponent, String> partWords;

    /** A bar with a tooltip per part. */
    public MemoryBar() {
        this(true);
    }

    /**
     * @param partTips whether each part gets its own tooltip (the big bar); the small option bars go without,
     *                 since two hundred tooltips would cost the start-up more than they help
     */
    public MemoryBar(boolean partTips) {
        getStyleClass().add(Styles.MEMORY_BAR);
        headroom.getStyleClass().add("headroom");
        overflow.getStyleClass().add(Styles.OVERFLOW);
        capacityLine.getStyleClass().add(Styles.CAPACITY_LINE);
        // Drawn over the parts: a click on the hatched overflow or the capacity line reaches the part beneath.
        headroom.setMouseTransparent(true);
        overflow.setMouseTransparent(true);
        capacityLine.setMouseTransparent(true);
        rangeBand.getStyleClass().add(Styles.RANGE_BAND);
        rangeWhisker.getStyleClass().add(Styles.RANGE_WHISKER);
        rangeBand.setMouseTransparent(true);
        rangeWhisker.setMouseTransparent(true);
        getChildren().addAll(headroom);
        for (MemoryComponent c : MemoryComponent.values()) {
            Region r = new Region();
            r.getStyleClass().addAll(Styles.MEMORY_SEGMENT, Styles.part(c));
            if (partTips) {
                Tooltip tip = new Tooltip();
                // Text made when the tooltip shows: bars redraw on every tick, tooltips rarely show.
                tip.setOnShowing(e -> tip.setText(tipText(c)));
                Tooltip.install(r, tip);
                tips.put(c, tip);
            }
            segments.put(c, r);
            getChildren().add(r);
        }
        getChildren().addAll(overflow, rangeBand, rangeWhisker, capacityLine);
        data.subscribe(d -> {
            requestLayout();
            // A part's tooltip once shown keeps its words (shown again, or showing while they change: another
            // language, new results): they follow, so no stale words stay behind in it.
            tips.forEach((c, t) -> {
                if (t.getText() != null && !t.getText().isEmpty()) {
                    t.setText(tipText(c));
                }
            });
        });
        span.subscribe(d -> requestLayout());
        selected.subscribe(s -> segments.forEach((c, r) -> r.pseudoClassStateChanged(Styles.SELECTED, c == s)));
    }

    /** Clicking a part calls {@code onSelect}; null leaves the bar inert. */
    public void setOnSelect(Consumer<MemoryComponent> onSelect) {
        segments.forEach((c, r) -> r.setOnMouseClicked(onSelect == null ? null : e -> onSelect.accept(c)));
    }

    /** The words of a part's tooltip ("Weights: 5.4 GiB"), asked for when it shows. */
    public void setPartWords(BiFunction<MemoryBarData, MemoryComponent, String> partWords) {
        this.partWords = partWords;
    }

    private String tipText(MemoryComponent c) {
        MemoryBarData d = data.get();
        return partWords == null || d == null ? "" : partWords.apply(d, c);
    }

    /** The node of one part's segment (an anchor for its explanation). */
    public Node segment(MemoryComponent c) {
        return segments.get(c);
    }

    public ObjectProperty<MemoryBarData> dataProperty() {
        return data;
    }

    /**
     * The bytes the bar's width stands for, so bars side by side share one scale (the compare view); 0 (the
     * default) or less than the bar's own capacity and total: the larger of those two.
     */
    public LongProperty spanProperty() {
        return span;
    }

    public ObjectProperty<MemoryComponent> selectedProperty() {
        return selected;
    }

    /** Width of one part's segment as laid out last (for tests and tooltips). */
    public double segmentWidth(MemoryComponent c) {
        return segments.get(c).getWidth();
    }

    @Override
    protected double computePrefHeight(double width) {
        return snapSizeY(getInsets().getTop() + getInsets().getBottom() + 24);
    }

    @Override
    protected double computePrefWidth(double height) {
        return 300;
    }

    @Override
    protected void layoutChildren() {
        MemoryBarData d = data.get();
        double x0 = snappedLeftInset();
        double y0 = snappedTopInset();
        double w = getWidth() - x0 - snappedRightInset();
        double h = getHeight() - y0 - snappedBottomInset();
        if (d == null || w <= 0) {
            segments.values().forEach(r -> r.resizeRelocate(x0, y0, 0, h));
            headroom.resizeRelocate(x0, y0, 0, h);
            overflow.resizeRelocate(x0, y0, 0, h);
            capacityLine.setVisible(false);
            rangeBand.setVisible(false);
            rangeWhisker.setVisible(false);
            return;
        }
        long total = d.parts().totalBytes();
        long width = Math.max(1, Math.max(d.spanBytes(), span.get()));
        double scale = w / width;
        double x = x0;
        for (MemoryComponent c : MemoryComponent.values()) {
            long bytes = d.parts().bytes(c);
            double sw = bytes * scale;
            segments.get(c).resizeRelocate(snapPositionX(x), y0, Math.max(0, snapSizeX(sw)), h);
            x += sw;
        }
        double cap = x0 + d.capacityBytes() * scale;
        double end = x0 + total * scale;
        headroom.resizeRelocate(snapPositionX(end), y0, Math.max(0, cap - end), h);
        overflow.resizeRelocate(snapPositionX(cap), y0, Math.max(0, end - cap), h);
        capacityLine.setVisible(true);
        capacityLine.resizeRelocate(snapPositionX(Math.min(cap, x0 + w) - 1), y0 - 3, 2, h + 6);
        rangeBand.setVisible(d.range().isPresent());
        rangeWhisker.setVisible(d.range().isPresent());
        d.range().ifPresent(r -> {
            double lo = snapPositionX(x0 + r.low() * scale);
            double hi = snapPositionX(x0 + Math.min(r.high() * scale, w));
            // The band over the bar's lower half; the whisker (a line with end caps) across its middle.
            rangeBand.resizeRelocate(lo, y0 + h * 0.55, Math.max(2, hi - lo), h * 0.45);
            rangeWhisker.resizeRelocate(lo, y0 + h * 0.25, Math.max(2, hi - lo), h * 0.5);
        });
        pseudoClassStateChanged(Styles.OVER, total > d.capacityBytes());
        pseudoClassStateChanged(Styles.TIGHT, d.status() == FitStatus.TIGHT);
    }

    /** The whisker of the range as laid out last: its left and right edges in the bar (for tests). */
    public double[] rangeExtent() {
        return rangeWhisker.isVisible() ? new double[] {rangeWhisker.getLayoutX(),
                rangeWhisker.getLayoutX() + rangeWhisker.getWidth()} : new double[0];
    }
}
