package org.finetuneplanner.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The SVG a chart is saved as: well-formed XML, the lines where the axes put them, names kept whole. */
class ChartSvgTest {
    private static final ChartSvg.Palette PALETTE = new ChartSvg.Palette("#ffffff", "#000000", "#666666", "#dddddd");

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aLineRunsFromTheOriginToItsEndOnTheAxesScaleAndItsNameSurvivesEscaping() throws Exception {
        String name = "1 × A100 <SXM> & \"80GB\"";
        ChartSvg.Line line = new ChartSvg.Line(name, new double[] {0, 10}, new double[] {0, 5}, "#3b6fd4", true);
        String svg = ChartSvg.lineChart("Cost over time", new ChartSvg.Axis("Hours", 10, 2),
                new ChartSvg.Axis("Cost (USD)", 5, 1), List.of(line), v -> String.format(Locale.ROOT, "%.0f", v),
                PALETTE);
        Document d = parse(svg);
        Element polyline = (Element) d.getElementsByTagName("polyline").item(0);
        // Plot area 960 × 560 less margins: x from 80 to 930, y from 500 (zero) up to 50 (the axis maximum).
        assertEquals("80.0,500.0 930.0,50.0", polyline.getAttribute("points"));
        assertEquals("4", polyline.getAttribute("stroke-width"));
        boolean named = false;
        for (int i = 0; i < d.getElementsByTagName("text").getLength(); i++) {
            named |= d.getElementsByTagName("text").item(i).getTextContent().equals(name);
        }
        assertEquals(true, named, "the line's name, escaped in the file, reads back whole");
    }

    @Test
    void theBarsRangeIsAWhiskerFromItsLowToItsHighEndAndControlCharactersAreDropped() throws Exception {
        String svg = ChartSvg.bar("Memory\u0007 per GPU", "caption", List.of(new ChartSvg.Part("Weights", 10,
                "#3b6fd4")), 20, Optional.of(new double[] {8, 12}), 40, PALETTE);
        Document d = parse(svg);
        assertEquals("Memory per GPU", d.getElementsByTagName("text").item(0).getTextContent());
        // 920 px for a span of 40: 23 px per unit from x = 20. The capacity line at 20 → 480; the whisker from 8 →
        // 204 to 12 → 296 across the bar's middle (y = 80 + 40 / 2 = 100).
        Element capacity = (Element) d.getElementsByTagName("line").item(0);
        assertEquals("480.0", capacity.getAttribute("x1"));
        Element whisker = (Element) d.getElementsByTagName("line").item(1);
        assertEquals(List.of("204.0", "100.0", "296.0", "100.0"), List.of(whisker.getAttribute("x1"),
                whisker.getAttribute("y1"), whisker.getAttribute("x2"), whisker.getAttribute("y2")));
        assertEquals("&lt;a&gt; &amp; &quot;b&quot; &apos;c&apos;", ChartSvg.escape("<a> & \"b\" 'c'"));
    }
}
