package io.faultline.ssh;

import java.util.List;
import java.util.stream.Collectors;

/** POSIX shell quoting: an SSH exec request is one string that the host's login shell splits. */
final class Shell {
    private Shell() {
    }

    static String quote(String s) {
        if (!s.isEmpty() && s.chars().allMatch(c -> Character.isLetterOrDigit(c) || "-_./=:,+@%".indexOf(c) >= 0)) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }

    static String join(List<String> argv) {
        return argv.stream().map(Shell::quote).collect(Collectors.joining(" "));
    }
}
