package io.faultline.campaign;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML as CI servers read it (Jenkins, GitLab, GitHub test reporters): one testsuite per
 * campaign, one testcase per run; a missed expectation is a failure whose message lists the
 * anomalies, a harness failure is an error.
 */
public final class JUnitXml {
    private JUnitXml() {
    }

    public static void write(CampaignResult result, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            XMLStreamWriter x = XMLOutputFactory.newInstance().createXMLStreamWriter(out, "UTF-8");
            long failures = result.runs().stream().filter(r -> !r.passed() && !r.harnessFailed()).count();
            long errors = result.runs().stream().filter(RunOutcome::harnessFailed).count();
            // the runs' own durations, so a resumed campaign still reports the time its runs took
            double seconds = result.runs().stream().mapToDouble(RunOutcome::seconds).sum();
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuites");
            x.writeAttribute("name", "faultline campaign " + result.name());
            x.writeAttribute("tests", Integer.toString(result.runs().size()));
            x.writeAttribute("failures", Long.toString(failures));
            x.writeAttribute("errors", Long.toString(errors));
            x.writeAttribute("time", secs(seconds));
            x.writeCharacters("\n  ");
            x.writeStartElement("testsuite");
            x.writeAttribute("name", result.name());
            x.writeAttribute("tests", Integer.toString(result.runs().size()));
            x.writeAttribute("failures", Long.toString(failures));
            x.writeAttribute("errors", Long.toString(errors));
            x.writeAttribute("skipped", "0");
            x.writeAttribute("time", secs(seconds));
            x.writeAttribute("timestamp", LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString());
            x.writeAttribute("hostname", host());
            long[] det = result.detection();
            x.writeCharacters("\n    ");
            x.writeStartElement("properties");
            property(x, "detection-rate", det[1] == 0 ? "n/a" : det[0] + "/" + det[1]);
            property(x, "exit-code", Integer.toString(result.exitCode()));
            x.writeEndElement();
            for (RunOutcome r : result.runs()) {
                x.writeCharacters("\n    ");
                x.writeStartElement("testcase");
                x.writeAttribute("classname", result.name() + "." + r.spec().store() + "." + r.spec().workload());
                x.writeAttribute("name", r.spec().id());
                x.writeAttribute("time", secs(r.seconds()));
                if (r.harnessFailed()) {
                    x.writeStartElement("error");
                    x.writeAttribute("type", "harness-failure");
                    x.writeAttribute("message", r.message());
                    x.writeCharacters(r.message());
                    x.writeEndElement();
                } else if (!r.passed()) {
                    x.writeStartElement("failure");
                    String type = r.verdict().equals("unknown") ? "unknown"
                            : r.spec().expect() == Expectation.ANOMALY ? "fault-not-detected" : "anomaly";
                    x.writeAttribute("type", type);
                    x.writeAttribute("message", failureMessage(r));
                    x.writeCharacters(failureMessage(r) + "\n" + String.join("\n", r.anomalies())
                            + (r.dir() == null ? "" : "\nresults: " + r.dir()));
                    x.writeEndElement();
                }
                x.writeStartElement("system-out");
                x.writeCharacters("expect " + r.spec().expect().wireName() + ", verdict " + r.verdict()
                        + ", seed " + r.spec().seed() + ", nemesis " + r.spec().nemesisText() + ", store faults "
                        + r.spec().storeFaultText() + (r.dir() == null ? "" : "\nresults: " + r.dir()));
                x.writeEndElement();
                x.writeEndElement();
            }
            x.writeCharacters("\n  ");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static String failureMessage(RunOutcome r) {
        if (r.verdict().equals("unknown")) return "the checkers could not decide: " + r.message();
        if (r.spec().expect() == Expectation.ANOMALY) {
            return "store fault " + r.spec().storeFaultText() + " was not detected (verdict " + r.verdict() + ")";
        }
        return r.anomalies().size() + " anomal" + (r.anomalies().size() == 1 ? "y" : "ies") + ": "
                + String.join("; ", r.anomalies().stream().limit(5).toList())
                + (r.anomalies().size() > 5 ? "; ..." : "");
    }

    private static void property(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        x.writeEmptyElement("property");
        x.writeAttribute("name", name);
        x.writeAttribute("value", value);
    }

    private static String secs(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
