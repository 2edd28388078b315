package io.faultline.campaign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * shard.json, written into a shard's folder before its first run: which campaign (its file's text,
 * so that {@code campaign merge} needs nothing but the shard folders), which shard, the folder the
 * runs were written to (to find them again after CI moved the folder), and the shard's run ids.
 *
 * @param fingerprint SHA-256 of the campaign file's YAML tree with sorted keys: comments, layout and
 *                    key order do not count, every setting does
 * @param dir         the shard folder's absolute path on the machine that ran it
 */
public record ShardManifest(String campaign, Shard shard, String fingerprint, String source, String yaml, String dir,
                            List<String> runs) {
    public static final String FILE = "shard.json";

    public ShardManifest {
        runs = List.copyOf(runs);
    }

    public static ShardManifest of(CampaignSpec spec, ShardPlan plan, Shard shard, String source, String yaml, Path dir)
            throws CampaignException {
        return new ShardManifest(spec.name(), shard, fingerprint(yaml, source), source, yaml,
                dir.toAbsolutePath().normalize().toString(), plan.runs(shard).stream().map(RunSpec::id).toList());
    }

    public static String fingerprint(String yaml, String source) throws CampaignException {
        try {
            JsonNode tree = new YAMLMapper().readTree(yaml);
            ObjectMapper canonical = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
            byte[] bytes = canonical.writeValueAsBytes(canonical.treeToValue(tree, Object.class));
            return HexFormat.of().formatHex(ShardPlan.sha256(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)));
        } catch (JsonProcessingException e) {
            throw new CampaignException(source + ": not valid YAML: " + e.getOriginalMessage(), e);
        }
    }

    /** The campaign as the shard ran it. */
    public CampaignSpec spec() throws CampaignException {
        return CampaignSpec.parse(yaml, source);
    }

    public void write(Path shardDir) throws CampaignException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode o = json.createObjectNode();
        o.put("campaign", campaign);
        o.put("shard", shard.index());
        o.put("shards", shard.count());
        o.put("fingerprint", fingerprint);
        o.put("source", source);
        o.put("dir", dir);
        ArrayNode a = o.putArray("runs");
        runs.forEach(a::add);
        o.put("yaml", yaml);
        Path file = shardDir.resolve(FILE);
        try {
            Files.createDirectories(shardDir);
            Path tmp = shardDir.resolve(FILE + ".tmp");
            json.writeValue(tmp.toFile(), o);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CampaignException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public static ShardManifest read(Path shardDir) throws CampaignException {
        Path file = shardDir.resolve(FILE);
        try {
            JsonNode o = new ObjectMapper().readTree(file.toFile());
            List<String> runs = new ArrayList<>();
            o.path("runs").forEach(r -> runs.add(r.asText()));
            for (String k : List.of("campaign", "shard", "shards", "fingerprint", "source", "dir", "yaml")) {
                if (!o.hasNonNull(k)) throw new CampaignException(file + ": '" + k + "' is missing; not a shard.json faultline wrote");
            }
            Shard shard;
            try {
                shard = new Shard(o.get("shard").asInt(), o.get("shards").asInt());
            } catch (IllegalArgumentException e) {
                throw new CampaignException(file + ": shard: " + e.getMessage(), e);
            }
            return new ShardManifest(o.get("campaign").asText(), shard, o.get("fingerprint").asText(), o.get("source").asText(),
                    o.get("yaml").asText(), o.get("dir").asText(), runs);
        } catch (IOException e) {
            throw new CampaignException(file + ": unreadable: " + e.getMessage(), e);
        }
    }
}
