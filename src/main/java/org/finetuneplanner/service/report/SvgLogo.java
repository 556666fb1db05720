package org.finetuneplanner.service.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.util.Matrix;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2D;

/**
 * SVG logos drawn as vectors: the shapes logos are made of ({@code path} with every command including arcs,
 * {@code rect}, {@code circle}, {@code ellipse}, {@code line}, {@code polyline}, {@code polygon}, nested {@code g}),
 * solid fills and strokes with opacity, {@code transform}, {@code style} and {@code viewBox}. Text, gradients,
 * filters and references ({@code use}) are not drawn; a logo with text should be exported with text as paths.
 * The XML parser refuses DOCTYPEs, so no external entity is ever read.
 */
final class SvgLogo {
    private static final Pattern NUMBER = Pattern.compile("[-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?");
    private static final Pattern TRANSFORM = Pattern.compile("(matrix|translate|scale|rotate|skewX|skewY)\\s*\\(([^)]*)\\)");
    private static final Map<String, Color> NAMED = new HashMap<>();

    static {
        String[] names = {"black", "000000", "white", "ffffff", "red", "ff0000", "green", "008000", "blue", "0000ff",
            "gray", "808080", "grey", "808080", "silver", "c0c0c0", "navy", "000080", "teal", "008080",
            "orange", "ffa500", "yellow", "ffff00", "purple", "800080", "maroon", "800000", "olive", "808000",
            "lime", "00ff00", "aqua", "00ffff", "fuchsia", "ff00ff", "darkblue", "00008b", "darkgreen", "006400",
            "darkred", "8b0000", "darkgray", "a9a9a9", "lightgray", "d3d3d3", "steelblue", "4682b4",
            "royalblue", "4169e1", "crimson", "dc143c", "gold", "ffd700", "indigo", "4b0082"};
        for (int i = 0; i < names.length; i += 2) {
            NAMED.put(names[i], new Color(Integer.parseInt(names[i + 1], 16)));
        }
    }

    private SvgLogo() {
    }

    /** Draws the logo scaled into {@code maxW × maxH} at its top-left; returns the drawn logo's bottom. */
    static float draw(PDDocument doc, PDPageContentStream cs, ReportLogo logo, float x, float bottom, float maxW,
                      float maxH) throws IOException {
        Element svg = parse(logo);
        Rectangle2D box = viewBox(svg, logo);
        float scale = (float) Math.min(maxW / box.getWidth(), maxH / box.getHeight());
        float w = (float) box.getWidth() * scale;
        float h = (float) box.getHeight() * scale;
        PdfBoxGraphics2D g = new PdfBoxGraphics2D(doc, w, h);
        try {
            g.scale(scale, scale);
            g.translate(-box.getX(), -box.getY());
            children(g, svg, Style.ROOT);
        } catch (IllegalArgumentException e) {
            throw new ReportException("SVG logo " + logo.name() + " cannot be drawn: " + e.getMessage(), e);
        } finally {
            g.dispose();
        }
        float drawBottom = bottom + maxH - h;
        cs.saveGraphicsState();
        cs.transform(Matrix.getTranslateInstance(x, drawBottom));
        cs.drawForm(g.getXFormObject());
        cs.restoreGraphicsState();
        return drawBottom;
    }

    private static Element parse(ReportLogo logo) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            factory.setNamespaceAware(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            Element root = builder.parse(new ByteArrayInputStream(logo.bytes())).getDocumentElement();
            if (!"svg".equals(localName(root))) {
                throw new ReportException("Logo " + logo.name() + " is not an SVG document (root is <"
                        + root.getTagName() + ">).");
            }
            return root;
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new ReportException("SVG logo " + logo.name() + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static String localName(Element e) {
        String tag = e.getTagName();
        int colon = tag.indexOf(':');
        return colon < 0 ? tag : tag.substring(colon + 1);
    }

    private static Rectangle2D viewBox(Element svg, ReportLogo logo) {
        double[] vb = numbers(svg.getAttribute("viewBox"));
        if (vb.length == 4 && vb[2] > 0 && vb[3] > 0) {
            return new Rectangle2D.Double(vb[0], vb[1], vb[2], vb[3]);
        }
        double w = length(svg.getAttribute("width"), 0);
        double h = length(svg.getAttribute("height"), 0);
        if (w > 0 && h > 0) {
            return new Rectangle2D.Double(0, 0, w, h);
        }
        throw new ReportException("SVG logo " + logo.name() + " has neither a viewBox nor a width and height.");
    }

    /** Inherited paint properties. */
    private record Style(Color fill, Color stroke, float strokeWidth, float opacity, boolean evenOdd) {
        static final Style ROOT = new Style(Color.BLACK, null, 1f, 1f, false);
    }

    private static void children(Graphics2D g, Element parent, Style style) {
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE) {
                element(g, (Element) nodes.item(i), style);
            }
        }
    }

    private static void element(Graphics2D g, Element e, Style inherited) {
        String tag = localName(e);
        if (tag.equals("defs") || tag.equals("title") || tag.equals("desc") || tag.equals("metadata")
                || tag.equals("clipPath") || tag.equals("mask") || tag.equals("style")) {
            return;
        }
        Style style = style(e, inherited);
        AffineTransform saved = g.getTransform();
        g.transform(transform(e.getAttribute("transform")));
        try {
            if (tag.equals("g") || tag.equals("svg") || tag.equals("a")) {
                children(g, e, style);
                return;
            }
            Shape shape = shape(tag, e);
            if (shape != null) {
                paint(g, shape, style);
            }
        } finally {
            g.setTransform(saved);
        }
    }

    private static Shape shape(String tag, Element e) {
        return switch (tag) {
            case "path" -> path(e.getAttribute("d"));
            case "rect" -> {
                double rx = length(e.getAttribute("rx"), length(e.getAttribute("ry"), 0));
                double ry = length(e.getAttribute("ry"), rx);
                double x = length(e.getAttribute("x"), 0);
                double y = length(e.getAttribute("y"), 0);
                double w = length(e.getAttribute("width"), 0);
                double h = length(e.getAttribute("height"), 0);
                yield rx > 0 || ry > 0 ? new RoundRectangle2D.Double(x, y, w, h, 2 * rx, 2 * ry)
                        : new Rectangle2D.Double(x, y, w, h);
            }
            case "circle" -> {
                double r = length(e.getAttribute("r"), 0);
                yield new Ellipse2D.Double(length(e.getAttribute("cx"), 0) - r, length(e.getAttribute("cy"), 0) - r,
                        2 * r, 2 * r);
            }
            case "ellipse" -> {
                double rx = length(e.getAttribute("rx"), 0);
                double ry = length(e.getAttribute("ry"), 0);
                yield new Ellipse2D.Double(length(e.getAttribute("cx"), 0) - rx,
                        length(e.getAttribute("cy"), 0) - ry, 2 * rx, 2 * ry);
            }
            case "line" -> new Line2D.Double(length(e.getAttribute("x1"), 0), length(e.getAttribute("y1"), 0),
                    length(e.getAttribute("x2"), 0), length(e.getAttribute("y2"), 0));
            case "polyline", "polygon" -> {
                double[] p = numbers(e.getAttribute("points"));
                Path2D.Double path = new Path2D.Double();
                for (int i = 0; i + 1 < p.length; i += 2) {
                    if (i == 0) {
                        path.moveTo(p[i], p[i + 1]);
                    } else {
                        path.lineTo(p[i], p[i + 1]);
                    }
                }
                if (tag.equals("polygon") && p.length >= 2) {
                    path.closePath();
                }
                yield path;
            }
            default -> null;
        };
    }

    private static void paint(Graphics2D g, Shape shape, Style style) {
        if (shape instanceof Path2D path) {
            path.setWindingRule(style.evenOdd() ? Path2D.WIND_EVEN_ODD : Path2D.WIND_NON_ZERO);
        }
        if (style.fill() != null) {
            g.setColor(withOpacity(style.fill(), style.opacity()));
            g.fill(shape);
        }
        if (style.stroke() != null && style.strokeWidth() > 0) {
            g.setColor(withOpacity(style.stroke(), style.opacity()));
            g.setStroke(new BasicStroke(style.strokeWidth(), BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
            g.draw(shape);
        }
    }

    private static Color withOpacity(Color c, float opacity) {
        return opacity >= 1 ? c : new Color(c.getRed(), c.getGreen(), c.getBlue(),
                Math.round(c.getAlpha() * Math.max(0, opacity)));
    }

    private static Style style(Element e, Style inherited) {
        Map<String, String> props = new HashMap<>();
        for (String key : new String[] {"fill", "stroke", "stroke-width", "opacity", "fill-opacity", "fill-rule"}) {
            if (e.hasAttribute(key)) {
                props.put(key, e.getAttribute(key).strip());
            }
        }
        for (String decl : e.getAttribute("style").split(";")) {
            int colon = decl.indexOf(':');
            if (colon > 0) {
                props.put(decl.substring(0, colon).strip(), decl.substring(colon + 1).strip());
            }
        }
        Color fill = props.containsKey("fill") ? color(props.get("fill"), inherited.fill()) : inherited.fill();
        Color stroke = props.containsKey("stroke") ? color(props.get("stroke"), inherited.stroke())
                : inherited.stroke();
        float width = props.containsKey("stroke-width") ? (float) length(props.get("stroke-width"), 1)
                : inherited.strokeWidth();
        float opacity = inherited.opacity() * (props.containsKey("opacity")
                ? (float) length(props.get("opacity"), 1) : 1f);
        if (props.containsKey("fill-opacity") && fill != null) {
            fill = withOpacity(fill, (float) length(props.get("fill-opacity"), 1));
        }
        boolean evenOdd = props.containsKey("fill-rule") ? "evenodd".equals(props.get("fill-rule"))
                : inherited.evenOdd();
        return new Style(fill, stroke, width, opacity, evenOdd);
    }

    /** A paint: none, #rgb, #rrggbb, rgb(r, g, b), a common name; anything else (url(#gradient)) keeps the parent's. */
    private static Color color(String value, Color fallback) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.equals("none") || v.equals("transparent")) {
            return null;
        }
        if (v.matches("#[0-9a-f]{6}")) {
            return new Color(Integer.parseInt(v.substring(1), 16));
        }
        if (v.matches("#[0-9a-f]{3}")) {
            int r = Integer.parseInt(v.substring(1, 2), 16);
            int gr = Integer.parseInt(v.substring(2, 3), 16);
            int b = Integer.parseInt(v.substring(3, 4), 16);
            return new Color(r * 17, gr * 17, b * 17);
        }
        if (v.startsWith("rgb(")) {
            double[] n = numbers(v);
            if (n.length >= 3) {
                boolean percent = v.contains("%");
                return new Color(channel(n[0], percent), channel(n[1], percent), channel(n[2], percent));
            }
        }
        Color named = NAMED.get(v);
        return named != null ? named : fallback;
    }

    private static int channel(double v, boolean percent) {
        return (int) Math.max(0, Math.min(255, Math.round(percent ? v * 2.55 : v)));
    }

    private static AffineTransform transform(String value) {
        AffineTransform t = new AffineTransform();
        if (value == null || value.isBlank()) {
            return t;
        }
        Matcher m = TRANSFORM.matcher(value);
        while (m.find()) {
            double[] n = numbers(m.group(2));
            switch (m.group(1)) {
                case "matrix" -> {
                    if (n.length == 6) {
                        t.concatenate(new AffineTransform(n[0], n[1], n[2], n[3], n[4], n[5]));
                    }
                }
                case "translate" -> t.translate(n.length > 0 ? n[0] : 0, n.length > 1 ? n[1] : 0);
                case "scale" -> t.scale(n.length > 0 ? n[0] : 1, n.length > 1 ? n[1] : n.length > 0 ? n[0] : 1);
                case "rotate" -> {
                    if (n.length >= 3) {
                        t.rotate(Math.toRadians(n[0]), n[1], n[2]);
                    } else if (n.length == 1) {
                        t.rotate(Math.toRadians(n[0]));
                    }
                }
                case "skewX" -> t.shear(n.length > 0 ? Math.tan(Math.toRadians(n[0])) : 0, 0);
                case "skewY" -> t.shear(0, n.length > 0 ? Math.tan(Math.toRadians(n[0])) : 0);
                default -> {
                }
            }
        }
        return t;
    }

    private static double length(String value, double fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        Matcher m = NUMBER.matcher(value);
        return m.find() ? Double.parseDouble(m.group()) : fallback;
    }

    private static double[] numbers(String value) {
        if (value == null) {
            return new double[0];
        }
        Matcher m = NUMBER.matcher(value);
        double[] out = new double[8];
        int n = 0;
        while (m.find()) {
            if (n == out.length) {
                out = java.util.Arrays.copyOf(out, n * 2);
            }
            out[n++] = Double.parseDouble(m.group());
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** SVG path data, every command (SVG 1.1 §8.3), arcs converted by the endpoint-to-centre rule (§F.6.5). */
    static Path2D path(String d) {
        Path2D.Double p = new Path2D.Double();
        Matcher tokens = Pattern.compile("[MmLlHhVvCcSsQqTtAaZz]|" + NUMBER.pattern()).matcher(d == null ? "" : d);
        java.util.List<String> list = new java.util.ArrayList<>();
        while (tokens.find()) {
            list.add(tokens.group());
        }
        int i = 0;
        char cmd = 0;
        double x = 0;
        double y = 0;
        double startX = 0;
        double startY = 0;
        double ctrlX = 0;
        double ctrlY = 0;
        char last = 0;
        while (i < list.size()) {
            String tok = list.get(i);
            if (Character.isLetter(tok.charAt(0))) {
                cmd = tok.charAt(0);
                i++;
                if (cmd == 'Z' || cmd == 'z') {
                    p.closePath();
                    x = startX;
                    y = startY;
                    last = cmd;
                    continue;
                }
            } else if (cmd == 0) {
                throw new IllegalArgumentException("path data must start with a command: " + tok);
            }
            boolean rel = Character.isLowerCase(cmd);
            double ox = rel ? x : 0;
            double oy = rel ? y : 0;
            switch (Character.toUpperCase(cmd)) {
                case 'M' -> {
                    x = ox + num(list, i++);
                    y = oy + num(list, i++);
                    p.moveTo(x, y);
                    startX = x;
                    startY = y;
                    cmd = rel ? 'l' : 'L';
                }
                case 'L' -> {
                    x = ox + num(list, i++);
                    y = oy + num(list, i++);
                    p.lineTo(x, y);
                }
                case 'H' -> {
                    x = ox + num(list, i++);
                    p.lineTo(x, y);
                }
                case 'V' -> {
                    y = oy + num(list, i++);
                    p.lineTo(x, y);
                }
                case 'C' -> {
                    double x1 = ox + num(list, i++);
                    double y1 = oy + num(list, i++);
                    ctrlX = ox + num(list, i++);
                    ctrlY = oy + num(list, i++);
                    x = ox + num(list, i++);
                    y = oy + num(list, i++);
                    p.curveTo(x1, y1, ctrlX, ctrlY, x, y);
                }
                case 'S' -> {
                    boolean smooth = "CcSs".indexOf(last) >= 0;
                    double x1 = smooth ? 2 * x - ctrlX : x;
                    double y1 = smooth ? 2 * y - ctrlY : y;
                    ctrlX = ox + num(list, i++);
                    ctrlY = oy + num(list, i++);
                    x = ox + num(list, i++);
                    y = oy + num(list, i++);
                    p.curveTo(x1, y1, ctrlX, ctrlY, x, y);
                }
                case 'Q' -> {
                    ctrlX = ox + num(list, i++);
                    ctrlY = oy + num(list, i++);
                    x = ox + num(list, i++);
                    y = oy + num(list, i++);
                    p.quadTo(ctrlX, ctrlY, x, y);
                }
                case 'T' -> {
                    boolean smooth = "QqTt".indexOf(last) >= 0;
                    ctrlX = smooth ? 2 * x - ctrlX : x;
                    ctrlY = smooth ? 2 * y - ctrlY : y;
                    x = ox + num(list, i++);
                    y = oy + num(list, i++);
                    p.quadTo(ctrlX, ctrlY, x, y);
                }
                case 'A' -> {
                    double rx = Math.abs(num(list, i++));
                    double ry = Math.abs(num(list, i++));
                    double angle = num(list, i++);
                    boolean large = num(list, i++) != 0;
                    boolean sweep = num(list, i++) != 0;
                    double nx = ox + num(list, i++);
                    double ny = oy + num(list, i++);
                    arc(p, x, y, rx, ry, angle, large, sweep, nx, ny);
                    x = nx;
                    y = ny;
                }
                default -> throw new IllegalArgumentException("unknown path command " + cmd);
            }
            last = cmd;
        }
        return p;
    }

    private static double num(java.util.List<String> list, int i) {
        if (i >= list.size() || Character.isLetter(list.get(i).charAt(0))) {
            throw new IllegalArgumentException("path data ends early or misses a number");
        }
        return Double.parseDouble(list.get(i));
    }

    /** SVG 1.1 implementation notes F.6.5: endpoint to centre parameterisation, then an AWT arc. */
    private static void arc(Path2D p, double x0, double y0, double rx, double ry, double angleDeg, boolean large,
                            boolean sweep, double x, double y) {
        if (rx == 0 || ry == 0 || (x0 == x && y0 == y)) {
            p.lineTo(x, y);
            return;
        }
        double phi = Math.toRadians(angleDeg % 360);
        double cos = Math.cos(phi);
        double sin = Math.sin(phi);
        double dx2 = (x0 - x) / 2;
        double dy2 = (y0 - y) / 2;
        double x1 = cos * dx2 + sin * dy2;
        double y1 = -sin * dx2 + cos * dy2;
        double lambda = (x1 * x1) / (rx * rx) + (y1 * y1) / (ry * ry);
        if (lambda > 1) {
            rx *= Math.sqrt(lambda);
            ry *= Math.sqrt(lambda);
        }
        double num = rx * rx * ry * ry - rx * rx * y1 * y1 - ry * ry * x1 * x1;
        double den = rx * rx * y1 * y1 + ry * ry * x1 * x1;
        double coef = (large == sweep ? -1 : 1) * Math.sqrt(Math.max(0, num / den));
        double cx1 = coef * rx * y1 / ry;
        double cy1 = coef * -ry * x1 / rx;
        double cx = cos * cx1 - sin * cy1 + (x0 + x) / 2;
        double cy = sin * cx1 + cos * cy1 + (y0 + y) / 2;
        double start = angle(1, 0, (x1 - cx1) / rx, (y1 - cy1) / ry);
        double extent = angle((x1 - cx1) / rx, (y1 - cy1) / ry, (-x1 - cx1) / rx, (-y1 - cy1) / ry);
        if (!sweep && extent > 0) {
            extent -= 2 * Math.PI;
        } else if (sweep && extent < 0) {
            extent += 2 * Math.PI;
        }
        // AWT arcs run counter-clockwise in a y-up sense with angles in degrees; SVG's y is down, so negate.
        Arc2D.Double arc = new Arc2D.Double(-rx, -ry, 2 * rx, 2 * ry, -Math.toDegrees(start), -Math.toDegrees(extent),
                Arc2D.OPEN);
        AffineTransform t = AffineTransform.getTranslateInstance(cx, cy);
        t.rotate(phi);
        Point2D current = p.getCurrentPoint();
        p.append(t.createTransformedShape(arc).getPathIterator(null), current != null);
    }

    private static double angle(double ux, double uy, double vx, double vy) {
        double sign = ux * vy - uy * vx < 0 ? -1 : 1;
        double dot = (ux * vx + uy * vy) / (Math.hypot(ux, uy) * Math.hypot(vx, vy));
        return sign * Math.acos(Math.max(-1, Math.min(1, dot)));
    }
}
