package io.faultline.stores;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** What a node's log says about why its process died, for errors a person can act on. */
public final class LogTail {
    private static final String START_MARK = "--- faultline: starting";

    private LogTail() {
    }

    /**
     * The first error-looking line since the last start (the cause, where a stack trace or a
     * final "exiting" line would hide it), then the last {@code lines} lines.
     */
    public static String of(Path log, int lines) {
        List<String> all;
        try {
            all = Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
        int from = 0;
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).startsWith(START_MARK)) {
                from = i;
                break;
            }
        }
        String cause = null;
        // Specific causes first; a generic ERROR line ("exiting abnormally") only if none.
        for (String[] patterns : new String[][]{{"address already in use", "\"level\":\"fatal\"", "exception:"}, {" error "}}) {
            for (String l : all.subList(from, all.size())) {
                String s = l.toLowerCase(Locale.ROOT);
                for (String p : patterns) {
                    if (cause == null && s.contains(p)) cause = l;
                }
            }
            if (cause != null) break;
        }
        String tail = String.join("\n", all.subList(Math.max(from, all.size() - lines), all.size()));
        return cause == null ? tail : "cause: " + cause + "\n" + tail;
    }
}
