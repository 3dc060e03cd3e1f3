package dev.crosstalk.e2e.consumer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/** The little DOM reading these tests do on POMs and Surefire reports. */
final class Xml {

    private Xml() {
    }

    static Element parse(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(in).getDocumentElement();
        } catch (IOException | SAXException | ParserConfigurationException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e, e);
        }
    }

    /** The direct children of {@code parent} named {@code name}. */
    static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && name.equals(n.getNodeName())) {
                out.add((Element) n);
            }
        }
        return out;
    }

    /** The element at the end of a path of direct children, or null. */
    static Element child(Element parent, String... path) {
        Element at = parent;
        for (String name : path) {
            List<Element> found = at == null ? List.of() : children(at, name);
            at = found.isEmpty() ? null : found.get(0);
        }
        return at;
    }

    /** The trimmed text at a path of direct children, or null. */
    static String text(Element parent, String... path) {
        Element at = child(parent, path);
        return at == null ? null : at.getTextContent().trim();
    }
}
