package org.finetuneplanner.ui.planner;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.shape.Shape;
import javafx.scene.transform.Transform;

import org.finetuneplanner.core.cost.CostPoint;
import org.finetuneplanner.core.memory.MemoryComponent;
import org.finetuneplanner.service.export.ExportFiles;
import org.finetuneplanner.service.text.LocaleFormat;
import org.finetuneplanner.ui.common.ChartSvg;
import org.finetuneplanner.ui.common.Formats;
import org.finetuneplanner.ui.common.Messages;

/**
 * The cost chart and the memory bar as files: a PNG of what is on screen (at twice its size, for slides), or an
 * SVG drawn from the chart's data in the colours the screen uses (the theme's, read from the nodes as styled).
 * Call on the FX thread.
 */
final class ChartImages {
    private ChartImages() {
    }

    /** {@code node} as a PNG at twice its size, on {@code background}. */
    static byte[] png(Node node, Paint background) {
        SnapshotParameters params = new SnapshotParameters();
        params.setTransform(Transform.scale(2, 2));
        params.setFill(background);
        WritableImage image = node.snapshot(params, null);
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        return ExportFiles.png(w, h, argb);
    }

    /** The cost chart's lines as the screen shows them (those drawn now), with the axes' bounds and titles. */
    static String costSvg(LineChart<Number, Number> chart, List<CostCurve> curves, String selected, String title,
                          Messages m, ChartSvg.Palette palette) {
        Formats f = Formats.of(m);
        NumberAxis x = (NumberAxis) chart.getXAxis();
        NumberAxis y = (NumberAxis) chart.getYAxis();
        List<ChartSvg.Line> lines = new ArrayList<>(curves.size());
        for (int i = 0; i < curves.size(); i++) {
            CostCurve c = curves.get(i);
            double[] xs = c.points().stream().mapToDouble(CostPoint::hours).toArray();
            double[] ys = c.points().stream().mapToDouble(CostPoint::usd).toArray();
            String colour = i < chart.getData().size() ? stroke(chart.getData().get(i)) : palette.text();
            lines.add(new ChartSvg.Line(c.label(), xs, ys, colour, c.gpuId().equals(selected)));
        }
        return ChartSvg.lineChart(title, new ChartSvg.Axis(x.getLabel(), x.getUpperBound(), x.getTickUnit()),
                new ChartSvg.Axis(y.getLabel(), y.getUpperBound(), y.getTickUnit()), lines, f::number, palette);
    }

    /** The memory bar of the user's setup with its caption, range, capacity and legend. */
    static String memorySvg(MemoryBar bar, String title, String caption, Messages m, ChartSvg.Palette palette) {
        MemoryBarData d = bar.dataProperty().get();
        Formats f = Formats.of(m);
        List<ChartSvg.Part> parts = new ArrayList<>();
        for (MemoryComponent c : MemoryComponent.values()) {
            parts.add(new ChartSvg.Part(m.label(c) + " " + f.gib(d.parts().bytes(c)),
                    d.parts().bytes(c) / LocaleFormat.GIB, hex(fill(bar.segment(c)), palette.text())));
        }
        Optional<double[]> range = d.range().map(r -> new double[] {r.low() / LocaleFormat.GIB,
                r.high() / LocaleFormat.GIB});
        return ChartSvg.bar(title, caption, parts, d.capacityBytes() / LocaleFormat.GIB, range,
                d.spanBytes() / LocaleFormat.GIB, palette);
    }

    /** The palette of a drawing from the screen: a card's background and border, a label's text colours. */
    static ChartSvg.Palette palette(Region card, javafx.scene.control.Labeled text,
                                    javafx.scene.control.Labeled muted) {
        String background = hex(fill(card), "#ffffff");
        String border = card.getBorder() == null || card.getBorder().getStrokes().isEmpty() ? "#d0d7de"
                : hex(card.getBorder().getStrokes().get(0).getTopStroke(), "#d0d7de");
        return new ChartSvg.Palette(background, hex(text.getTextFill(), "#1f2328"), hex(muted.getTextFill(),
                "#59636e"), border);
    }

    private static String stroke(XYChart.Series<Number, Number> s) {
        return s.getNode() instanceof Shape shape ? hex(shape.getStroke(), "#3b6fd4") : "#3b6fd4";
    }

    private static Paint fill(Node node) {
        if (node instanceof Region r && r.getBackground() != null && !r.getBackground().getFills().isEmpty()) {
            return r.getBackground().getFills().get(r.getBackground().getFills().size() - 1).getFill();
        }
        return null;
    }

    /** A paint as "#rrggbb" (a gradient or nothing: {@code otherwise}). */
    static String hex(Paint paint, String otherwise) {
        if (!(paint instanceof Color c)) {
            return otherwise;
        }
        return String.format(java.util.Locale.ROOT, "#%02x%02x%02x", Math.round(c.getRed() * 255),
                Math.round(c.getGreen() * 255), Math.round(c.getBlue() * 255));
    }
}
