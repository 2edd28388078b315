package io.faultline.campaign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.faultline.runner.NemesisPackage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A campaign file: a name, defaults, a matrix (stores x workloads x nemeses x seeds x repeats)
 * and explicit runs, expanded into the ordered list of {@link RunSpec}s. See campaigns/*.yaml.
 */
public record CampaignSpec(String name, List<RunSpec> runs) {
    private static final Set<String> TOP = Set.of("name", "description", "defaults", "matrix", "runs");
    private static final Set<String> SETTINGS = Set.of("store", "stores", "workload", "workloads", "nemesis", "nemeses",
            "store-fault", "store-faults", "seed", "seeds", "repeats", "expect", "time-limit", "nemesis-interval",
            "concurrency", "rate", "nodes", "env", "opts", "hosts", "ssh-user", "ssh-key", "ssh-port", "sudo",
            "ssh-accept-new", "known-hosts", "etcd-bin");
    /** The ssh environment's settings besides hosts, as on the command line (--ssh-user, ...). */
    private static final List<String> SSH_SETTINGS = List.of("ssh-user", "ssh-key", "ssh-port", "sudo", "ssh-accept-new",
            "known-hosts", "etcd-bin");

    public CampaignSpec {
        runs = List.copyOf(runs);
    }

    public static CampaignSpec read(Path file) throws CampaignException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new CampaignException(file + ": cannot read: " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    public static CampaignSpec parse(String yaml, String source) throws CampaignException {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(yaml);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new CampaignException(source + (loc == null ? "" : ":" + loc.getLineNr() + ":" + loc.getColumnNr())
                    + ": not valid YAML: " + e.getOriginalMessage(), e);
        }
        if (!(root instanceof ObjectNode top)) throw new CampaignException(source + ": expected a mapping with name, defaults, matrix, runs");
        checkKeys(top, TOP, source, "");
        String name = text(top, "name", source, "");
        if (name == null || !name.matches("[A-Za-z0-9_.-]+") || name.startsWith(".")) {
            throw new CampaignException(source + ": name: required, letters, digits, '.', '_' or '-' (it names the results folder), found '" + name + "'");
        }
        JsonNode defaults = top.get("defaults");
        if (defaults != null && !(defaults instanceof ObjectNode)) throw new CampaignException(source + ": defaults: expected a mapping");
        if (defaults != null) checkKeys((ObjectNode) defaults, SETTINGS, source, "defaults.");
        List<RunSpec> runs = new ArrayList<>();
        JsonNode matrix = top.get("matrix");
        if (matrix != null) {
            if (!(matrix instanceof ObjectNode m)) throw new CampaignException(source + ": matrix: expected a mapping");
            checkKeys(m, SETTINGS, source, "matrix.");
            expand(m, (ObjectNode) defaults, source, "matrix", runs);
        }
        JsonNode explicit = top.get("runs");
        if (explicit != null) {
            if (!explicit.isArray()) throw new CampaignException(source + ": runs: expected a list of mappings");
            for (int i = 0; i < explicit.size(); i++) {
                if (!(explicit.get(i) instanceof ObjectNode r)) throw new CampaignException(source + ": runs[" + i + "]: expected a mapping");
                checkKeys(r, SETTINGS, source, "runs[" + i + "].");
                expand(r, (ObjectNode) defaults, source, "runs[" + i + "]", runs);
            }
        }
        if (runs.isEmpty()) throw new CampaignException(source + ": no runs: give a matrix, a runs list, or both");
        Set<String> ids = new LinkedHashSet<>();
        for (RunSpec r : runs) {
            if (!ids.add(r.id())) throw new CampaignException(source + ": run " + r.id() + " appears twice (same store, workload, nemesis, faults, seed and repeat)");
        }
        return new CampaignSpec(name, runs);
    }

    /** The cross product of one block's lists, with the block's settings over the defaults. */
    private static void expand(ObjectNode block, ObjectNode defaults, String source, String where, List<RunSpec> out)
            throws CampaignException {
        Lookup in = new Lookup(block, defaults, source, where);
        List<String> stores = in.list("stores", "store", List.of("raftstore"));
        List<String> workloads = in.list("workloads", "workload", List.of("register"));
        List<String> nemeses = in.list("nemeses", "nemesis", List.of(NemesisPackage.DEFAULT));
        List<String> faultSets = in.list("store-faults", "store-fault", List.of(""));
        List<Long> seeds = in.longs("seeds", "seed", List.of(1L));
        int repeats = (int) in.number("repeats", 1, 1, 1000);
        Expectation expect = Expectation.parse(in.scalar("expect", "valid"), source + ": " + in.where("expect"));
        double timeLimit = in.number("time-limit", 30, 0.1, 86_400);
        double interval = in.number("nemesis-interval", Double.parseDouble(NemesisPackage.DEFAULT_INTERVAL_S), 0.1, 86_400);
        int concurrency = (int) in.number("concurrency", 10, 1, 10_000);
        double rate = in.number("rate", 100, 0.001, 1e7);
        int nodes = (int) in.number("nodes", 3, 1, 9);
        String env = in.scalar("env", "auto");
        if (!io.faultline.runner.EnvironmentRequest.KINDS.contains(env)) {
            throw new CampaignException(source + ": " + in.where("env") + ": expected one of "
                    + String.join(", ", io.faultline.runner.EnvironmentRequest.KINDS) + ", found '" + env + "'");
        }
        Map<String, String> opts = new java.util.LinkedHashMap<>(in.opts());
        // The ssh environment's settings travel as the run's env.X options, as --hosts and --ssh-* do.
        List<String> hosts = in.list("hosts", "hosts", List.of());
        if (!hosts.isEmpty()) opts.put("env.hosts", String.join(",", hosts));
        for (String k : SSH_SETTINGS) {
            String v = in.scalar(k, null);
            if (v != null) opts.put("env." + k, v);
        }
        if (env.equals("ssh") && !opts.containsKey("env.hosts")) {
            throw new CampaignException(source + ": " + in.where("env") + ": env ssh needs the hosts to test: hosts: [h1, h2, h3]");
        }
        if (!env.equals("ssh") && opts.keySet().stream().anyMatch(k -> k.startsWith("env."))) {
            throw new CampaignException(source + ": " + in.where("env") + ": hosts and ssh-* settings apply to env: ssh only, found env '"
                    + env + "'");
        }
        for (String store : stores) {
            for (String workload : workloads) {
                for (String nem : nemeses) {
                    List<String> faults = splitCsv(nem).stream().filter(f -> !f.equals("none")).toList();
                    for (String fs : faultSets) {
                        List<String> storeFaults = splitCsv(fs);
                        for (long seed : seeds) {
                            for (int r = 0; r < repeats; r++) {
                                String id = RunSpec.idOf(store, workload, faults, storeFaults, seed, r, repeats);
                                out.add(new RunSpec(id, store, workload, faults, storeFaults, seed, r, timeLimit, interval,
                                        concurrency, rate, nodes, env, opts, expect));
                            }
                        }
                    }
                }
            }
        }
    }

    static List<String> splitCsv(String s) {
        List<String> out = new ArrayList<>();
        for (String p : s.split(",")) if (!p.isBlank()) out.add(p.trim());
        return out;
    }

    private static void checkKeys(ObjectNode node, Set<String> allowed, String source, String prefix) throws CampaignException {
        Iterator<String> it = node.fieldNames();
        while (it.hasNext()) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw new CampaignException(source + ": " + prefix + k + ": unknown setting; expected one of "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }

    private static String text(ObjectNode n, String key, String source, String prefix) throws CampaignException {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) return null;
        if (!v.isValueNode()) throw new CampaignException(source + ": " + prefix + key + ": expected a single value");
        return v.asText();
    }

    /** A setting looked up in the block, then in the defaults; errors name where it came from. */
    private record Lookup(ObjectNode block, ObjectNode defaults, String source, String where) {
        JsonNode get(String key) {
            JsonNode v = block.get(key);
            if (v == null && defaults != null) v = defaults.get(key);
            return v;
        }

        String where(String key) {
            return (block.has(key) || defaults == null || !defaults.has(key) ? where : "defaults") + "." + key;
        }

        String scalar(String key, String fallback) throws CampaignException {
            JsonNode v = get(key);
            if (v == null || v.isNull()) return fallback;
            if (!v.isValueNode()) throw new CampaignException(source + ": " + where(key) + ": expected a single value");
            return v.asText();
        }

        double number(String key, double fallback, double min, double max) throws CampaignException {
            JsonNode v = get(key);
            if (v == null || v.isNull()) return fallback;
            if (!v.isNumber()) throw new CampaignException(source + ": " + where(key) + ": expected a number, found '" + v.asText() + "'");
            double d = v.asDouble();
            if (!(d >= min && d <= max)) throw new CampaignException(source + ": " + where(key) + ": expected " + min + " to " + max + ", found " + d);
            return d;
        }

        /** A plural key holding a list (or one value), or its singular form holding one value. */
        List<String> list(String plural, String singular, List<String> fallback) throws CampaignException {
            return values(plural, singular, fallback, e -> e.isValueNode() && !e.isNull() ? e.asText().trim() : null,
                    e -> "expected a name", "expected a name or a list of names");
        }

        List<Long> longs(String plural, String singular, List<Long> fallback) throws CampaignException {
            return values(plural, singular, fallback, e -> e.isIntegralNumber() && e.canConvertToLong() ? e.asLong() : null,
                    e -> "expected an integer seed, found '" + e.asText() + "'", "expected an integer or a list of integers");
        }

        /**
         * The values under a plural key (a list, or one value) or its singular form, in this block or
         * the defaults; {@code item} reads one value, null when the node is not one.
         */
        private <T> List<T> values(String plural, String singular, List<T> fallback, Function<JsonNode, T> item,
                                   Function<JsonNode, String> notAnItem, String notAList) throws CampaignException {
            String usedKey = block.has(plural) ? plural : block.has(singular) ? singular
                    : defaults != null && defaults.has(plural) ? plural : defaults != null && defaults.has(singular) ? singular : null;
            if (usedKey == null) return fallback;
            JsonNode v = get(usedKey);
            List<T> out = new ArrayList<>();
            if (v.isArray()) {
                for (int i = 0; i < v.size(); i++) {
                    T t = item.apply(v.get(i));
                    if (t == null) throw new CampaignException(source + ": " + where(usedKey) + "[" + i + "]: " + notAnItem.apply(v.get(i)));
                    out.add(t);
                }
            } else {
                T t = item.apply(v);
                if (t == null) throw new CampaignException(source + ": " + where(usedKey) + ": " + notAList);
                out.add(t);
            }
            if (out.isEmpty()) throw new CampaignException(source + ": " + where(usedKey) + ": empty list");
            return out;
        }

        Map<String, String> opts() throws CampaignException {
            Map<String, String> out = new LinkedHashMap<>();
            for (ObjectNode src : new ObjectNode[]{defaults, block}) {
                if (src == null || !src.has("opts")) continue;
                String at = (src == block ? where : "defaults") + ".opts";
                if (!(src.get("opts") instanceof ObjectNode o)) throw new CampaignException(source + ": " + at + ": expected a mapping KEY: VALUE");
                Iterator<Map.Entry<String, JsonNode>> it = o.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String k = e.getKey();
                    if (!(k.startsWith("store.") || k.startsWith("workload.") || k.startsWith("nemesis."))) {
                        throw new CampaignException(source + ": " + at + "." + k + ": expected store.KEY, workload.KEY or nemesis.KEY");
                    }
                    if (!e.getValue().isValueNode()) throw new CampaignException(source + ": " + at + "." + k + ": expected a single value");
                    out.put(k, e.getValue().asText());
                }
            }
            return out;
        }
    }
}
