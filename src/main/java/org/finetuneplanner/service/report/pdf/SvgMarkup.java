package org.finetuneplanner.service.report.pdf;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.finetuneplanner.service.io.SafeText;
import org.finetuneplanner.service.report.ReportLogo;
import org.finetuneplanner.service.report.ReportException;

/**
 * The first, safe reading of an SVG logo. Editors write DOCTYPEs: Illustrator declares its namespaces, and with
 * "style attributes (entity references)" its styles, as entities in the internal subset. This parser expands those
 * internal entities within limits (billion laughs stops at {@link #MAX_ENTITY_EXPANSIONS}), never reads anything
 * outside the file (no external DTD, no external entity, no XInclude; a resolver answers every request with nothing)
 * and hands on the root element re-written without its DOCTYPE, which the SVG renderer then reads with DTDs off.
 *
 * <p>It also resolves {@code <switch>}, which JSVG skips whole: Illustrator's "preserve editing capabilities"
 * wraps the drawing in a switch whose first child is a {@code foreignObject} for Illustrator itself
 * ({@code requiredExtensions}). As a viewer does, each switch keeps its first child that applies here (not a
 * {@code foreignObject}, no {@code requiredExtensions}: no extension is supported) and becomes a group.
 */
final class SvgMarkup {
    /** Entity expansions allowed in one logo; Illustrator files use a few dozen. */
    static final int MAX_ENTITY_EXPANSIONS = 10_000;
    private static final int MAX_ELEMENT_DEPTH = 256;
    private static final String SVG_NAMESPACE = "http://www.w3.org/2000/svg";
    private static final String JDK_LIMITS = "http://www.oracle.com/xml/jaxp/properties/";

    private static final ErrorHandler FAIL_ON_ERROR = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
            // Warnings (an unused declaration, say) do not stop a logo.
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };

    private SvgMarkup() {
    }

    /**
     * The logo's root {@code <svg>} element as UTF-8 markup, internal entities expanded, without DOCTYPE.
     *
     * @throws ReportException naming the logo when it is not well-formed XML, exceeds a limit, its root is not
     *                         {@code <svg>} or that root has no size (neither a viewBox nor a width and height)
     */
    static byte[] rootElement(ReportLogo logo) {
        Element root;
        try {
            DocumentBuilder builder = factory().newDocumentBuilder();
            builder.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
            builder.setErrorHandler(FAIL_ON_ERROR);
            root = builder.parse(new ByteArrayInputStream(logo.bytes())).getDocumentElement();
        } catch (SAXException | IOException e) {
            throw new ReportException("SVG logo " + logo.name() + " cannot be read: " + oneLine(e), e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a security feature", e);
        }
        if (!"svg".equals(root.getLocalName()) || !isSvg(root)) {
            throw new ReportException("Logo " + logo.name() + " is not an SVG document (its root is <"
                    + root.getTagName() + ">" + (isSvg(root) ? "" : " in namespace " + root.getNamespaceURI()
                    + ", not " + SVG_NAMESPACE) + ").");
        }
        if (!root.hasAttribute("viewBox") && !(root.hasAttribute("width") && root.hasAttribute("height"))) {
            throw new ReportException("SVG logo " + logo.name() + " has neither a viewBox nor a width and height.");
        }
        resolveSwitches(root);
        return write(root, logo);
    }

    private static DocumentBuilderFactory factory() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setValidating(false);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setAttribute(JDK_LIMITS + "entityExpansionLimit", String.valueOf(MAX_ENTITY_EXPANSIONS));
        factory.setAttribute(JDK_LIMITS + "totalEntitySizeLimit", String.valueOf(ReportLogo.MAX_BYTES));
        factory.setAttribute(JDK_LIMITS + "maxElementDepth", String.valueOf(MAX_ELEMENT_DEPTH));
        return factory;
    }

    /** Depth-first; the depth is bounded by {@link #MAX_ELEMENT_DEPTH}, enforced while parsing. */
    private static void resolveSwitches(Element element) {
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                resolveSwitches(e);
            }
        }
        if (!"switch".equals(element.getLocalName()) || !isSvg(element)) {
            return;
        }
        Node chosen = null;
        for (Node child = element.getFirstChild(); child != null && chosen == null; child = child.getNextSibling()) {
            if (child instanceof Element e && applies(e)) {
                chosen = e;
            }
        }
        for (Node child = element.getFirstChild(); child != null; ) {
            Node next = child.getNextSibling();
            if (child != chosen) {
                element.removeChild(child);
            }
            child = next;
        }
        element.getOwnerDocument().renameNode(element, element.getNamespaceURI(),
                element.getPrefix() == null ? "g" : element.getPrefix() + ":g");
    }

    private static boolean applies(Element e) {
        return isSvg(e) && !"foreignObject".equals(e.getLocalName()) && !e.hasAttribute("requiredExtensions");
    }

    private static boolean isSvg(Element e) {
        return e.getNamespaceURI() == null || SVG_NAMESPACE.equals(e.getNamespaceURI());
    }

    private static byte[] write(Node root, ReportLogo logo) {
        try {
            TransformerFactory factory = TransformerFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer transformer = factory.newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            transformer.transform(new DOMSource(root), new StreamResult(out));
            return out.toByteArray();
        } catch (TransformerException e) {
            throw new ReportException("SVG logo " + logo.name() + " cannot be read: " + oneLine(e), e);
        }
    }

    private static String oneLine(Exception e) {
        String message = String.valueOf(e.getMessage()).replaceAll("\\s+", " ").replaceFirst("^JAXP\\d+: ", "")
                .strip();
        message = SafeText.shorten(message, 200);
        return e instanceof SAXParseException p && p.getLineNumber() > 0
                ? "line " + p.getLineNumber() + ": " + message : message;
    }
}
