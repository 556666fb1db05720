package org.finetuneplanner.service.report.content;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.finetuneplanner.core.cost.CostPoint;
import org.finetuneplanner.core.range.Range;

/** A chart as data: what it shows; the layout draws it as vectors, its text kept as text. */
public sealed interface Chart extends Block permits Chart.Bars, Chart.Lines {

    @Override
    default boolean keepWithNext() {
        return false;
    }

    /**
     * Horizontal stacked bars on one GiB axis: memory per GPU by part, with the card's free memory after the parts
     * and its capacity marked across the bar (so a bar longer than its card shows where the card ends), and the
     * range of the total as a whisker along the bar.
     *
     * @param bars      one per configuration, top to bottom
     * @param partNames the parts' names, in the order of each bar's bytes
     * @param freeName  the name of the free part
     * @param axis      the value axis's title (GiB)
     */
    record Bars(List<Bar> bars, List<Text> partNames, Text freeName, Text axis) implements Chart {
        public Bars {
            bars = List.copyOf(bars);
            partNames = List.copyOf(partNames);
            Objects.requireNonNull(freeName, "freeName");
            Objects.requireNonNull(axis, "axis");
        }
    }

    /**
     * One bar.
     *
     * @param label         the configuration ("1 × NVIDIA L40S 48GB")
     * @param partBytes     bytes of each part, in the order of {@link Bars#partNames()}
     * @param capacityBytes the card's usable memory
     * @param rangeBytes    where the total may be, from the low to the high end of its range (a whisker), if known
     */
    record Bar(Text label, List<Long> partBytes, long capacityBytes, Optional<Range> rangeBytes) {
        public Bar {
            partBytes = List.copyOf(partBytes);
            Objects.requireNonNull(rangeBytes, "rangeBytes");
        }

        /** A bar without a range. */
        public Bar(Text label, List<Long> partBytes, long capacityBytes) {
            this(label, partBytes, capacityBytes, Optional.empty());
        }
    }

    /**
     * Lines over hours: the cumulative cost of each option.
     *
     * @param lines one per option
     * @param xAxis the hours axis's title
     * @param yAxis the cost axis's title
     */
    record Lines(List<Line> lines, Text xAxis, Text yAxis) implements Chart {
        public Lines {
            lines = List.copyOf(lines);
            Objects.requireNonNull(xAxis, "xAxis");
            Objects.requireNonNull(yAxis, "yAxis");
        }
    }

    /**
     * One line.
     *
     * @param label  the option, in the legend
     * @param points hours and cumulative US dollars
     * @param end    a short tag drawn at the line's end ("A"), empty for none
     * @param colour the line's colour and dash as an index into the chart's palette, so a line keeps its look when
     *               another is left out; {@link #BY_POSITION} for the line's position in the chart
     */
    record Line(Text label, List<CostPoint> points, Text end, int colour) {
        /** The colour of a line's position among the chart's lines. */
        public static final int BY_POSITION = -1;

        public Line {
            Objects.requireNonNull(label, "label");
            points = List.copyOf(points);
            Objects.requireNonNull(end, "end");
            if (colour < BY_POSITION) {
                throw new IllegalArgumentException("colour " + colour);
            }
        }

        /** A line without an end tag, coloured by its position. */
        public Line(Text label, List<CostPoint> points) {
            this(label, points, Text.EMPTY, BY_POSITION);
        }
    }
}
