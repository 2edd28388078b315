package io.faultline.history;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a history file in any supported format, detecting the format from content when asked. */
public final class HistoryReaders {
    private HistoryReaders() {
    }

    /**
     * Reads a history. Jepsen EDN histories of {@code jepsen.independent} registers
     * ({@code :value [key value]}) come back unwrapped, with the key in {@code key}.
     *
     * @param format the format, or null to detect it
     */
    public static History read(Path file, HistoryFormat format) throws IOException, HistoryFormatException {
        HistoryFormat f = format != null ? format : detect(file);
        return switch (f) {
            case JSONL -> JsonlReader.read(file);
            case JEPSEN_EDN -> {
                History h = EdnReader.read(file);
                yield JepsenIndependent.applies(h) ? JepsenIndependent.unwrap(h) : h;
            }
            case PORCUPINE_KV -> EdnReader.read(file);
            case PORCUPINE_ETCD -> PorcupineEtcdReader.read(file);
        };
    }

    /**
     * Detects the format from the first non-blank line: <code>&#123;"</code> is JSONL;
     * <code>[</code>, <code>(</code> or <code>&#123;:</code> is EDN (Porcupine's kv logs when the
     * map has no {@code :index} or {@code :time} and {@code :f} is get/put/append);
     * {@code INFO} is Porcupine's etcd log.
     *
     * @throws HistoryFormatException naming the line when no format fits
     */
    public static HistoryFormat detect(Path file) throws IOException, HistoryFormatException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            char[] buf = new char[8192];
            int n = r.read(buf);
            String head = n <= 0 ? "" : new String(buf, 0, n);
            return detect(head, file.toString());
        }
    }

    static HistoryFormat detect(String head, String source) throws HistoryFormatException {
        long line = 1;
        int i = 0;
        while (i < head.length() && (Character.isWhitespace(head.charAt(i)) || head.charAt(i) == ',')) {
            if (head.charAt(i) == '\n') line++;
            i++;
        }
        if (i == head.length()) {
            // An empty file is an empty history in any format.
            return HistoryFormat.JSONL;
        }
        String rest = head.substring(i);
        int eol = rest.indexOf('\n');
        String first = eol < 0 ? rest : rest.substring(0, eol);
        if (first.startsWith("INFO")) return HistoryFormat.PORCUPINE_ETCD;
        if (first.startsWith("[") || first.startsWith("(") || first.startsWith(";")) return HistoryFormat.JEPSEN_EDN;
        if (first.startsWith("{")) {
            String body = first.substring(1).stripLeading();
            if (body.startsWith("\"") || body.startsWith("}")) return HistoryFormat.JSONL;
            if (body.startsWith(":")) {
                boolean porcupine = !first.contains(":index") && !first.contains(":time")
                        && first.matches(".*:f\\s+:(get|put|append)\\b.*");
                return porcupine ? HistoryFormat.PORCUPINE_KV : HistoryFormat.JEPSEN_EDN;
            }
        }
        throw new HistoryFormatException(source, line, "cannot tell the format from "
                + JsonlReader.abbreviate(first) + "; expected a JSON object (jsonl), EDN ({:type ...}, [...] or (...)),"
                + " or a Porcupine etcd log line (INFO jepsen.util ...); or pass --format");
    }
}
