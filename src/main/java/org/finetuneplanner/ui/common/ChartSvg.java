package org.finetuneplanner.ui.common;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.DoubleFunction;

/**
 * Charts as SVG drawings written from their data (not a picture of the screen): text stays text and lines stay
 * sharp at any size, for slides and documents. The cost-over-time chart and a memory bar, in the colours the app
 * shows them in. Pure; no JavaFX.
 */
public final class ChartSvg {
    private static final String FONT = "font-family=\"DejaVu Sans, Arial, Helvetica, sans-serif\"";

    private ChartSvg() {
    }

    /**
     * The colours of a drawing, as CSS colours ("#1f2328").
     *
     * @param background the page
     * @param text       titles and labels
     * @param muted      axis ticks and secondary text
     * @param grid       grid lines and the axes
     */
    public record Palette(String background, String text, String muted, String grid) {
    }

    /**
     * One line of a line chart.
     *
     * @param label  its name, written at its end
     * @param xs     the points' x values
     * @param ys     the points' y values (as many as {@code xs})
     * @param colour its colour
     * @param bold   drawn thicker (the selected option)
     */
    public record Line(String label, double[] xs, double[] ys, String colour, boolean bold) {
    }

    /**
     * An axis from 0.
     *
     * @param label its title
     * @param max   its upper bound
     * @param step  the distance between its ticks
     */
    public record Axis(String label, double max, double step) {
    }

    /**
     * One part of a stacked bar.
     *
     * @param label  its legend: "Weights 5.5 GiB"
     * @param value  its size, in the bar's unit
     * @param colour its colour
     */
    public record Part(String label, double value, String colour) {
    }

    /**
     * A line chart: a title, the axes with their ticks (numbers in the user's style), the lines with their names at
     * their ends.
     *
     * @param number writes a tick's number
     */
    public static String lineChart(String title, Axis x, Axis y, List<Line> lines, DoubleFunction<String> number,
                                   Palette p) {
        int width = 960;
        int height = 560;
        double left = 80;
        double top = 50;
        double right = width - 30;
        double bottom = height - 60;
        StringBuilder b = start(width, height, p);
        text(b, 20, 30, title, p.text(), 18, "bold", "start");
        double xScale = (right - left) / x.max();
        double yScale = (bottom - top) / y.max();
        for (double v = 0; v <= x.max() + x.step() / 1e6; v += x.step()) {
            double px = left + v * xScale;
            line(b, px, top, px, bottom, p.grid(), 0.5);
            text(b, px, bottom + 18, number.apply(v), p.muted(), 12, "normal", "middle");
        }
        for (double v = 0; v <= y.max() + y.step() / 1e6; v += y.step()) {
            double py = bottom - v * yScale;
            line(b, left, py, right, py, p.grid(), 0.5);
            text(b, left - 8, py + 4, number.apply(v), p.muted(), 12, "normal", "end");
        }
        line(b, left, bottom, right, bottom, p.text(), 1);
        line(b, left, top, left, bottom, p.text(), 1);
        text(b, (left + right) / 2, height - 18, x.label(), p.text(), 13, "normal", "middle");
        b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" fill=\"%s\" font-size=\"13\" %s "
                + "text-anchor=\"middle\" transform=\"rotate(-90 %.1f %.1f)\">%s</text>%n", 22.0, (top + bottom) / 2,
                p.text(), FONT, 22.0, (top + bottom) / 2, escape(y.label())));
        for (Line l : lines) {
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < l.xs().length; i++) {
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", left + l.xs()[i] * xScale,
                        bottom - l.ys()[i] * yScale));
            }
            b.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" "
                    + "stroke-width=\"%s\" stroke-linejoin=\"round\"/>%n", points.toString().strip(), l.colour(),
                    l.bold() ? "4" : "2"));
            int n = l.xs().length;
            if (n > 0) {
                text(b, left + l.xs()[n - 1] * xScale + 6, bottom - l.ys()[n - 1] * yScale + 4, l.label(),
                        l.colour(), 12, l.bold() ? "bold" : "normal", "start");
            }
        }
        return b.append("</svg>\n").toString();
    }

    /**
     * A stacked bar against a capacity: a title and a caption, a segment per part, the capacity as a line, the
     * range (when given) as a whisker from its low to its high end, then the legend.
     *
     * @param span  what the bar's width stands for (at least the capacity, the total and the range's high end)
     * @param range the low and high ends of the total, in the bar's unit
     */
    public static String bar(String title, String caption, List<Part> parts, double capacity,
                             Optional<double[]> range, double span, Palette p) {
        int width = 960;
        int rows = (parts.size() + 3) / 4;
        int height = 150 + rows * 24;
        double left = 20;
        double right = width - 20;
        double top = 80;
        double barHeight = 40;
        double scale = (right - left) / span;
        StringBuilder b = start(width, height, p);
        text(b, left, 30, title, p.text(), 18, "bold", "start");
        text(b, left, 56, caption, p.text(), 13, "normal", "start");
        b.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" "
                + "stroke=\"%s\"/>%n", left, top, right - left, barHeight, p.grid()));
        double x = left;
        for (Part part : parts) {
            double w = part.value() * scale;
            if (w > 0) {
                b.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                        + "fill=\"%s\"/>%n", x, top, w, barHeight, part.colour()));
            }
            x += w;
        }
        double cap = left + capacity * scale;
        line(b, cap, top - 6, cap, top + barHeight + 6, p.text(), 2.5);
        range.ifPresent(r -> {
            double lo = left + r[0] * scale;
            double hi = left + r[1] * scale;
            double mid = top + barHeight / 2;
            line(b, lo, mid, hi, mid, p.text(), 2);
            line(b, lo, mid - 10, lo, mid + 10, p.text(), 2);
            line(b, hi, mid - 10, hi, mid + 10, p.text(), 2);
        });
        for (int i = 0; i < parts.size(); i++) {
            double lx = left + (i % 4) * ((right - left) / 4);
            double ly = top + barHeight + 34 + (i / 4) * 24;
            b.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"12\" "
                    + "fill=\"%s\"/>%n", lx, ly - 10, parts.get(i).colour()));
            text(b, lx + 18, ly, parts.get(i).label(), p.text(), 12, "normal", "start");
        }
        return b.append("</svg>\n").toString();
    }

    private static StringBuilder start(int width, int height, Palette p) {
        StringBuilder b = new StringBuilder(8192);
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\">%n", width, height, width, height));
        b.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"%s\"/>%n", width, height,
                p.background()));
        return b;
    }

    private static void line(StringBuilder b, double x1, double y1, double x2, double y2, String colour,
                             double width) {
        b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                + "stroke-width=\"%s\"/>%n", x1, y1, x2, y2, colour, trim(width)));
    }

    private static void text(StringBuilder b, double x, double y, String text, String colour, int size,
                             String weight, String anchor) {
        b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" fill=\"%s\" font-size=\"%d\" "
                + "font-weight=\"%s\" text-anchor=\"%s\" %s>%s</text>%n", x, y, colour, size, weight, anchor, FONT,
                escape(text)));
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** Text as XML character data: the five special characters escaped, control characters dropped. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> {
                    if (c >= 0x20 || c == '\t') {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
