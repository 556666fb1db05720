package org.finetuneplanner.service.report.pdf;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.text.NumberFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.finetuneplanner.core.cost.CostPoint;
import org.finetuneplanner.core.range.Range;
import org.finetuneplanner.service.report.content.Chart;
import org.finetuneplanner.service.text.LocaleFormat;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.CategoryItemRendererState;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The report's two charts, built with JFreeChart and drawn as vectors by {@link ChartDrawer}. Colours are
 * mid-tones that stay apart on a colour printer and, with the cost chart's dash patterns, in grey. The memory bars
 * share one GiB axis with each card's capacity marked across its bar; a cost line may carry a tag at its end and a
 * colour of its own (a comparison's scenario keeps its colour when another has no line).
 */
final class ReportCharts {
    /** One colour per memory part, in the order of the parts (weights, gradients, … CUDA context). */
    static final Color[] MEMORY_COLOURS = {
        new Color(0x1f, 0x4e, 0x8c), // weights: dark blue
        new Color(0x4a, 0x9a, 0xd4), // gradients: light blue
        new Color(0xe0, 0x7b, 0x24), // optimizer: orange
        new Color(0x2e, 0x8b, 0x57), // activations: green
        new Color(0x8e, 0x44, 0xad), // logits: purple
        new Color(0x8c, 0x8c, 0x8c), // buffers: grey
        new Color(0xc9, 0xa2, 0x27), // allocator: ochre
        new Color(0x6d, 0x4c, 0x41), // CUDA context: brown
    };
    static final Color FREE = new Color(0xe4, 0xe8, 0xee);

    static final Color[] LINE_COLOURS = {
        new Color(0x1f, 0x4e, 0x8c), new Color(0xd3, 0x54, 0x00), new Color(0x2e, 0x8b, 0x57),
        new Color(0x8e, 0x44, 0xad), new Color(0xb0, 0x3a, 0x2e), new Color(0x5d, 0x6d, 0x7e),
        new Color(0xc9, 0xa2, 0x27), new Color(0x17, 0xa5, 0x89),
    };
    private static final float[][] DASHES = {null, {6f, 3f}, {2f, 2f}, {8f, 3f, 2f, 3f}, {10f, 4f}, {3f, 5f},
        {12f, 3f, 3f, 3f, 3f, 3f}, {1f, 3f}};

    private ReportCharts() {
    }

    /** One bar of the memory chart: its label, its parts' bytes, the card's usable memory, the total's range. */
    record MemoryBar(String label, List<Long> parts, long capacityBytes, Optional<Range> range) {
    }

    /**
     * One line of the cost chart.
     *
     * @param label  in the legend
     * @param points hours and cumulative US dollars
     * @param end    drawn at the line's end ("" for none)
     * @param colour index of its colour and dash, or {@link Chart.Line#BY_POSITION}
     */
    record CostLine(String label, List<CostPoint> points, String end, int colour) {
    }

    static JFreeChart memory(List<MemoryBar> bars, List<String> componentNames, String freeName, String axisLabel,
                             Locale locale) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        Set<String> used = new HashSet<>();
        for (MemoryBar bar : bars) {
            String label = unique(bar.label(), used);
            long total = 0;
            for (int part = 0; part < componentNames.size(); part++) {
                long bytes = bar.parts().get(part);
                total += bytes;
                data.addValue(bytes / LocaleFormat.GIB, componentNames.get(part), label);
            }
            long free = Math.max(0, bar.capacityBytes() - total);
            data.addValue(free / LocaleFormat.GIB, freeName, label);
        }
        JFreeChart chart = ChartFactory.createStackedBarChart(null, null, axisLabel, data,
                PlotOrientation.HORIZONTAL, true, false, false);
        theme().apply(chart);
        CategoryPlot plot = chart.getCategoryPlot();
        StackedBarRenderer renderer = new CapacityRenderer(bars);
        plot.setRenderer(renderer);
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(true);
        renderer.setMaximumBarWidth(0.12);
        int parts = componentNames.size();
        for (int i = 0; i < parts; i++) {
            renderer.setSeriesPaint(i, MEMORY_COLOURS[i % MEMORY_COLOURS.length]);
            renderer.setSeriesOutlinePaint(i, Color.WHITE);
            renderer.setSeriesOutlineStroke(i, new BasicStroke(0.4f));
        }
        renderer.setSeriesPaint(parts, FREE);
        renderer.setSeriesOutlinePaint(parts, new Color(0xa0, 0xa8, 0xb4));
        renderer.setSeriesOutlineStroke(parts, new BasicStroke(0.6f));
        plot.setRangeAxisLocation(org.jfree.chart.axis.AxisLocation.BOTTOM_OR_LEFT);
        NumberAxis axis = (NumberAxis) plot.getRangeAxis();
        axis.setNumberFormatOverride(NumberFormat.getNumberInstance(locale));
        // A whisker's high end may pass the end of its bar (a tight fit): the axis reaches it too.
        double highest = bars.stream().flatMap(b -> b.range().stream()).mapToDouble(Range::high).max().orElse(0)
                / LocaleFormat.GIB;
        if (highest > axis.getUpperBound()) {
            axis.setRange(0, highest * 1.04);
        }
        plot.setOutlineVisible(false);
        plot.getDomainAxis().setMaximumCategoryLabelWidthRatio(0.35f);
        plot.getDomainAxis().setMaximumCategoryLabelLines(2);
        plot.getDomainAxis().setCategoryMargin(0.25);
        styleLegend(chart.getLegend());
        return chart;
    }

    static JFreeChart cost(List<CostLine> lines, String hoursLabel, String usdLabel, Locale locale) {
        XYSeriesCollection data = new XYSeriesCollection();
        Set<String> used = new HashSet<>();
        for (CostLine line : lines) {
            XYSeries series = new XYSeries(unique(line.label(), used), false, true);
            for (CostPoint p : line.points()) {
                series.add(p.hours(), p.usd());
            }
            data.addSeries(series);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(null, hoursLabel, usdLabel, data,
                PlotOrientation.VERTICAL, true, false, false);
        theme().apply(chart);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < lines.size(); i++) {
            CostLine line = lines.get(i);
            int look = line.colour() == Chart.Line.BY_POSITION ? i : line.colour();
            Color colour = LINE_COLOURS[look % LINE_COLOURS.length];
            renderer.setSeriesPaint(i, colour);
            float[] dash = DASHES[look % DASHES.length];
            renderer.setSeriesStroke(i, dash == null ? new BasicStroke(1.8f)
                    : new BasicStroke(1.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, dash, 0f));
            if (!line.end().isEmpty() && !line.points().isEmpty()) {
                // The tag sits above and left of the line's last point, so it stays inside the plot.
                CostPoint last = line.points().get(line.points().size() - 1);
                XYTextAnnotation tag = new XYTextAnnotation(line.end() + " ", last.hours(), last.usd());
                tag.setTextAnchor(TextAnchor.BOTTOM_RIGHT);
                tag.setFont(awtBold().deriveFont(9f));
                tag.setPaint(colour);
                plot.addAnnotation(tag);
            }
        }
        plot.setRenderer(renderer);
        plot.getRangeAxis().setUpperMargin(0.08);
        plot.setOutlineVisible(false);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(true);
        // Tick labels in the report's language: "1.000" in Vietnamese, "1,000" in English.
        ((NumberAxis) plot.getRangeAxis()).setNumberFormatOverride(NumberFormat.getNumberInstance(locale));
        ((NumberAxis) plot.getDomainAxis()).setNumberFormatOverride(NumberFormat.getNumberInstance(locale));
        ((NumberAxis) plot.getDomainAxis()).setAutoRangeIncludesZero(true);
        styleLegend(chart.getLegend());
        return chart;
    }

    /**
     * Stacked bars with each card's capacity marked across its bar, where a full card ends, and the range of each
     * total as a whisker along the bar's middle: a line from the low to the high end with a cap at each, drawn over
     * a white halo so it shows on every part's colour.
     */
    private static final class CapacityRenderer extends StackedBarRenderer {
        private static final long serialVersionUID = 1L;
        private final long[] capacities;
        private final double[][] ranges;

        CapacityRenderer(List<MemoryBar> bars) {
            this.capacities = bars.stream().mapToLong(MemoryBar::capacityBytes).toArray();
            this.ranges = bars.stream().map(b -> b.range().map(r -> new double[] {r.low(), r.high()}).orElse(null))
                    .toArray(double[][]::new);
        }

        @Override
        public void drawItem(Graphics2D g2, CategoryItemRendererState state, Rectangle2D dataArea, CategoryPlot plot,
                             CategoryAxis domainAxis, ValueAxis rangeAxis, CategoryDataset dataset, int row,
                             int column, int pass) {
            super.drawItem(g2, state, dataArea, plot, domainAxis, rangeAxis, dataset, row, column, pass);
            if (pass != getPassCount() - 1 || row != dataset.getRowCount() - 1 || column >= capacities.length) {
                return;
            }
            double middle = domainAxis.getCategoryMiddle(column, dataset.getColumnCount(), dataArea,
                    plot.getDomainAxisEdge());
            double half = state.getBarWidth() / 2 + 3;
            double at = rangeAxis.valueToJava2D(capacities[column] / LocaleFormat.GIB, dataArea,
                    plot.getRangeAxisEdge());
            g2.setPaint(Style.INK);
            g2.setStroke(new BasicStroke(1.6f));
            g2.draw(plot.getOrientation() == PlotOrientation.HORIZONTAL
                    ? new Line2D.Double(at, middle - half, at, middle + half)
                    : new Line2D.Double(middle - half, at, middle + half, at));
            if (ranges[column] != null && plot.getOrientation() == PlotOrientation.HORIZONTAL) {
                double low = rangeAxis.valueToJava2D(ranges[column][0] / LocaleFormat.GIB, dataArea,
                        plot.getRangeAxisEdge());
                double high = rangeAxis.valueToJava2D(ranges[column][1] / LocaleFormat.GIB, dataArea,
                        plot.getRangeAxisEdge());
                double cap = state.getBarWidth() / 4;
                whisker(g2, low, high, middle, cap, Color.WHITE, 2.8f);
                whisker(g2, low, high, middle, cap, Style.INK, 1.1f);
            }
        }

        private static void whisker(Graphics2D g2, double low, double high, double middle, double cap, Color paint,
                                    float width) {
            g2.setPaint(paint);
            g2.setStroke(new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
            g2.draw(new Line2D.Double(low, middle, high, middle));
            g2.draw(new Line2D.Double(low, middle - cap, low, middle + cap));
            g2.draw(new Line2D.Double(high, middle - cap, high, middle + cap));
        }
    }

    /** JFreeChart merges equal keys; a repeated label gets " (2)", " (3)" … so every bar and line is drawn. */
    private static String unique(String label, Set<String> used) {
        String candidate = label;
        for (int n = 2; !used.add(candidate); n++) {
            candidate = label + " (" + n + ")";
        }
        return candidate;
    }

    private static void styleLegend(LegendTitle legend) {
        if (legend != null) {
            legend.setFrame(BlockBorder.NONE);
            legend.setPosition(RectangleEdge.BOTTOM);
            legend.setItemLabelPadding(new RectangleInsets(2, 2, 2, 6));
        }
    }

    /** White background, light grid, the shipped DejaVu font (text stays text and covers Vietnamese). */
    private static StandardChartTheme theme() {
        StandardChartTheme theme = (StandardChartTheme) StandardChartTheme.createJFreeTheme();
        Font regular = awtRegular();
        theme.setExtraLargeFont(awtBold().deriveFont(12f));
        theme.setLargeFont(regular.deriveFont(9f));
        theme.setRegularFont(regular.deriveFont(8f));
        theme.setSmallFont(regular.deriveFont(7f));
        theme.setChartBackgroundPaint(Color.WHITE);
        theme.setPlotBackgroundPaint(Color.WHITE);
        theme.setLegendBackgroundPaint(Color.WHITE);
        theme.setDomainGridlinePaint(new Color(0xdd, 0xe2, 0xe8));
        theme.setRangeGridlinePaint(new Color(0xdd, 0xe2, 0xe8));
        theme.setAxisLabelPaint(Style.INK);
        theme.setTickLabelPaint(Style.INK);
        theme.setLegendItemPaint(Style.INK);
        theme.setShadowVisible(false);
        theme.setBarPainter(new StandardBarPainter());
        return theme;
    }

    /** The AWT face of the shipped regular font (the charts measure with it), at size 1. */
    static Font awtRegular() {
        return Awt.REGULAR;
    }

    /** The AWT face of the shipped bold font, at size 1. */
    static Font awtBold() {
        return Awt.BOLD;
    }

    /** The AWT faces, made once. */
    private static final class Awt {
        static final Font REGULAR = awt(FontFiles.REGULAR);
        static final Font BOLD = awt(FontFiles.BOLD);

        private static Font awt(String resource) {
            try {
                return Font.createFont(Font.TRUETYPE_FONT, new ByteArrayInputStream(FontFiles.shipped(resource)));
            } catch (FontFormatException | IOException e) {
                throw new IllegalStateException("the shipped font cannot be read", e);
            }
        }
    }
}
