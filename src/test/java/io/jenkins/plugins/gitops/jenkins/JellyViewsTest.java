package io.jenkins.plugins.gitops.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.SAXParserFactory;
import org.junit.jupiter.api.Test;
import org.xml.sax.Attributes;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Holds every Jelly view of the plugin to what Jenkins' Content-Security-Policy and escaping need: well-formed
 * XML, escape-by-default, no inline script or style, no event-handler attributes; and gives every field bound in
 * a {@code config.jelly} its help file. Generic over all views, present and future.
 */
class JellyViewsTest {

    private static final Path RESOURCES = Path.of("src/main/resources");

    private static final Pattern EVENT_HANDLER = Pattern.compile("on[a-z]+", Pattern.CASE_INSENSITIVE);

    private static final Pattern ESCAPE_BY_DEFAULT = Pattern.compile("escape-by-default\\s*=\\s*['\"]true['\"]");

    @Test
    void everyViewIsWellFormedEscapedAndFreeOfInlineScriptAndStyle() throws Exception {
        List<String> violations = new ArrayList<>();
        List<Path> views = jellyFiles();
        for (Path view : views) {
            violations.addAll(scan(view).violations);
        }

        assertThat(views).isNotEmpty();
        assertThat(violations).isEmpty();
    }

    @Test
    void everyFieldOfAConfigurationFormHasAHelpFile() throws Exception {
        List<String> missing = new ArrayList<>();
        List<Path> forms = jellyFiles().stream().filter(view -> view.getFileName().toString().equals("config.jelly")).toList();
        for (Path form : forms) {
            for (String field : scan(form).fields) {
                Path help = form.resolveSibling("help-" + field + ".html");
                if (!Files.isRegularFile(help)) {
                    missing.add(form + ": field '" + field + "' has no " + help.getFileName());
                }
            }
        }

        assertThat(forms).isNotEmpty();
        assertThat(missing).isEmpty();
    }

    @Test
    void scanCatchesWhatTheRulesForbid() throws Exception {
        Path view = Files.createTempFile("forbidden", ".jelly");
        try {
            Files.writeString(view, """
                    <j:jelly xmlns:j="jelly:core" xmlns:f="/lib/form">
                      <script>alert(1)</script>
                      <script src="ok.js"></script>
                      <style>p { color: red }</style>
                      <div style="color: red" onClick="go()"/>
                      <f:entry field="name"><f:textbox/></f:entry>
                    </j:jelly>
                    """);
            Scan scan = scan(view);

            assertThat(scan.violations).containsExactly(
                    view + ": missing <?jelly escape-by-default='true'?>",
                    view + ":2: inline <script> body",
                    view + ":4: <style> element",
                    view + ":5: style= attribute",
                    view + ":5: onClick= event-handler attribute");
            assertThat(scan.fields).containsExactly("name");
        } finally {
            Files.delete(view);
        }
    }

    @Test
    void scanReportsMalformedXmlWithItsLine() throws Exception {
        Path view = Files.createTempFile("malformed", ".jelly");
        try {
            Files.writeString(view, "<?jelly escape-by-default='true'?>\n<j:jelly xmlns:j=\"jelly:core\">\n<div>\n</j:jelly>\n");

            assertThat(scan(view).violations).singleElement().asString().startsWith(view + ":4: not well-formed XML");
        } finally {
            Files.delete(view);
        }
    }

    private static List<Path> jellyFiles() throws IOException {
        try (Stream<Path> files = Files.walk(RESOURCES)) {
            return files.filter(file -> file.toString().endsWith(".jelly")).sorted().toList();
        }
    }

    private static Scan scan(Path view) throws Exception {
        SAXParserFactory factory = SAXParserFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Scan scan = new Scan(view);
        try {
            factory.newSAXParser().parse(view.toFile(), scan);
        } catch (SAXParseException e) {
            scan.violations.add(view + ":" + e.getLineNumber() + ": not well-formed XML: " + e.getMessage());
            return scan;
        }
        if (!scan.escapeByDefault) {
            scan.violations.add(0, view + ": missing <?jelly escape-by-default='true'?>");
        }
        return scan;
    }

    private static final class Scan extends DefaultHandler {

        private static final Set<String> NO_INLINE_BODY = Set.of("script");

        final List<String> violations = new ArrayList<>();
        final List<String> fields = new ArrayList<>();
        boolean escapeByDefault;
        private final Path view;
        private Locator locator;
        private String openElement;
        private final StringBuilder text = new StringBuilder();

        Scan(Path view) {
            this.view = view;
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
        }

        @Override
        public void processingInstruction(String target, String data) {
            escapeByDefault |= target.equals("jelly") && ESCAPE_BY_DEFAULT.matcher(data).find();
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            String element = localName.toLowerCase(Locale.ROOT);
            if (element.equals("style")) {
                violation("<style> element");
            }
            openElement = NO_INLINE_BODY.contains(element) ? element : null;
            text.setLength(0);
            for (int i = 0; i < attributes.getLength(); i++) {
                String attribute = attributes.getLocalName(i);
                if (attribute.equalsIgnoreCase("style")) {
                    violation("style= attribute");
                } else if (EVENT_HANDLER.matcher(attribute).matches()) {
                    violation(attribute + "= event-handler attribute");
                } else if (attribute.equals("field")) {
                    fields.add(attributes.getValue(i));
                }
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (openElement != null) {
                text.append(ch, start, length);
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            if (openElement != null && !text.toString().isBlank()) {
                violation("inline <" + openElement + "> body");
            }
            openElement = null;
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        private void violation(String what) {
            violations.add(view + ":" + locator.getLineNumber() + ": " + what);
        }
    }
}
