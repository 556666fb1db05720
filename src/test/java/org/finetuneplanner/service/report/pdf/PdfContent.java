package org.finetuneplanner.service.report.pdf;

import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNumber;
import org.apache.pdfbox.pdfparser.PDFStreamParser;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * What a form XObject's content stream paints, read operator by operator: the RGB fill colours it sets, in order,
 * and the bounds of the paths it fills (clip paths, ended by {@code n}, are left out).
 */
record PdfContent(List<Integer> fillColours, Rectangle2D filledBounds, int curves) {
    private static final Set<String> FILLS = Set.of("f", "F", "f*", "B", "B*", "b", "b*");
    private static final Set<String> CURVES = Set.of("c", "v", "y");

    static PdfContent of(PDFormXObject form) throws IOException {
        List<Integer> colours = new ArrayList<>();
        Rectangle2D bounds = null;
        int curves = 0;
        List<double[]> path = new ArrayList<>();
        int pathCurves = 0;
        List<Double> operands = new ArrayList<>();
        for (Object token : new PDFStreamParser(form).parse()) {
            if (token instanceof COSNumber n) {
                operands.add((double) n.floatValue());
                continue;
            }
            if (!(token instanceof Operator op)) {
                operands.clear();
                continue;
            }
            String name = op.getName();
            if ((name.equals("sc") || name.equals("rg") || name.equals("scn")) && operands.size() == 3) {
                colours.add(channel(operands.get(0)) << 16 | channel(operands.get(1)) << 8 | channel(operands.get(2)));
            } else if (Set.of("m", "l", "c", "v", "y").contains(name)) {
                for (int i = 0; i + 1 < operands.size(); i += 2) {
                    path.add(new double[] {operands.get(i), operands.get(i + 1)});
                }
                pathCurves += CURVES.contains(name) ? 1 : 0;
            } else if (name.equals("re") && operands.size() == 4) {
                path.add(new double[] {operands.get(0), operands.get(1)});
                path.add(new double[] {operands.get(0) + operands.get(2), operands.get(1) + operands.get(3)});
            } else if (FILLS.contains(name) || name.equals("n") || name.equals("S") || name.equals("s")) {
                if (FILLS.contains(name)) {
                    for (double[] p : path) {
                        Rectangle2D point = new Rectangle2D.Double(p[0], p[1], 0, 0);
                        bounds = bounds == null ? point : bounds.createUnion(point);
                    }
                    curves += pathCurves;
                }
                path.clear();
                pathCurves = 0;
            }
            operands.clear();
        }
        return new PdfContent(List.copyOf(colours), bounds, curves);
    }

    /** Raster images among the XObjects of {@code resources}, at any depth of nested forms. */
    static int images(PDResources resources) throws IOException {
        int images = 0;
        if (resources == null) {
            return 0;
        }
        for (COSName name : resources.getXObjectNames()) {
            PDXObject x = resources.getXObject(name);
            if (x instanceof PDImageXObject) {
                images++;
            } else if (x instanceof PDFormXObject form) {
                images += images(form.getResources());
            }
        }
        return images;
    }

    private static int channel(double value) {
        return (int) Math.round(value * 255);
    }
}
