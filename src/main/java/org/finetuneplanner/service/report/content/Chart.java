package org.finetuneplanner.service.report.content;

import java.util.List;
import java.util.Objects;

import org.finetuneplanner.core.cost.CostPoint;

/** A chart as data: what it shows; the layout draws it as vectors, its text kept as text. */
public sealed interface Chart extends Block permits Chart.Bars, Chart.Lines {

    @Override
    default boolean keepWithNext() {
        return false;
    }

    /**
     * Horizontal stacked bars: memory per GPU by part, with the card's free memory after the parts.
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
     */
    record Bar(Text label, List<Long> partBytes, long capacityBytes) {
        public Bar {
            partBytes = List.copyOf(partBytes);
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
     * @param label  the option
     * @param points hours and cumulative US dollars
     */
    record Line(Text label, List<CostPoint> points) {
        public Line {
            points = List.copyOf(points);
        }
    }
}
