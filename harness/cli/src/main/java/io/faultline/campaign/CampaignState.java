package io.faultline.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * campaign-state.json: the outcome of every finished run, rewritten atomically after each one so
 * that an interrupted campaign resumes where it stopped. A run that ended in a harness error is
 * not kept: it is tried again.
 */
public final class CampaignState {
    public static final String FILE = "campaign-state.json";
    private final Path file;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Map<String, ObjectNode> finished = new LinkedHashMap<>();

    private CampaignState(Path file) {
        this.file = file;
    }

    public static CampaignState load(Path dir) throws CampaignException {
        CampaignState s = new CampaignState(dir.resolve(FILE));
        if (!Files.exists(s.file)) return s;
        try {
            JsonNode root = s.json.readTree(s.file.toFile());
            JsonNode runs = root == null ? null : root.get("runs");
            if (runs == null || !runs.isArray()) throw new CampaignException(s.file + ": expected {\"runs\": [...]}; delete it to start over");
            for (JsonNode r : runs) {
                if (r instanceof ObjectNode o && o.hasNonNull("id")) s.finished.put(o.get("id").asText(), o);
            }
        } catch (IOException e) {
            throw new CampaignException(s.file + ": unreadable (" + e.getMessage() + "); delete it to start over", e);
        }
        return s;
    }

    /** The recorded outcome of this run if it finished and its folder is still there. */
    public RunOutcome finished(RunSpec spec) {
        ObjectNode o = finished.get(spec.id());
        if (o == null) return null;
        String dir = o.path("dir").asText(null);
        if (dir == null || !Files.isDirectory(Path.of(dir))) return null;
        return outcome(spec, o, dir, true);
    }

    /**
     * A run's outcome from its record here or in summary.json (the same keys), with pass/fail decided
     * again from the run's expectation, as for a run that just finished.
     */
    static RunOutcome outcome(RunSpec spec, JsonNode o, String dir, boolean resumed) {
        Map<String, String> checkers = new LinkedHashMap<>();
        o.path("checkers").fields().forEachRemaining(e -> checkers.put(e.getKey(), e.getValue().asText()));
        List<String> anomalies = new ArrayList<>();
        o.path("anomalies").forEach(a -> anomalies.add(a.asText()));
        String verdict = o.path("verdict").asText("unknown");
        boolean passed = passes(spec.expect(), verdict);
        return new RunOutcome(spec, verdict, passed, o.path("message").asText(""), checkers, anomalies, dir,
                o.path("seconds").asDouble(), nan(o.get("availability")), nan(o.get("p99-ms")), resumed);
    }

    public void record(RunOutcome r) throws CampaignException {
        if (r.harnessFailed()) {
            finished.remove(r.spec().id());
        } else {
            ObjectNode o = json.createObjectNode();
            o.put("id", r.spec().id());
            o.put("verdict", r.verdict());
            o.put("message", r.message());
            o.put("dir", r.dir());
            o.put("seconds", r.seconds());
            if (Double.isFinite(r.availability())) o.put("availability", r.availability());
            if (Double.isFinite(r.p99Millis())) o.put("p99-ms", r.p99Millis());
            ObjectNode c = o.putObject("checkers");
            r.checkers().forEach(c::put);
            ArrayNode a = o.putArray("anomalies");
            r.anomalies().forEach(a::add);
            finished.put(r.spec().id(), o);
        }
        ObjectNode root = json.createObjectNode();
        ArrayNode runs = root.putArray("runs");
        finished.values().forEach(runs::add);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(FILE + ".tmp");
            json.writeValue(tmp.toFile(), root);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CampaignException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static boolean passes(Expectation expect, String verdict) {
        return switch (expect) {
            case VALID -> verdict.equals("valid");
            case ANOMALY -> verdict.equals("invalid");
        };
    }

    private static double nan(JsonNode n) {
        return n == null || !n.isNumber() ? Double.NaN : n.asDouble();
    }
}
