package io.faultline.env;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a process's state letter from {@code /proc/PID/stat}, the one place the kernel says "stopped". */
public final class ProcState {
    private ProcState() {
    }

    /** The state of a process of this host, "" when it is gone or unreadable. */
    public static String of(long pid) {
        try {
            return parse(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /**
     * The third field of a stat line. The second (the command name in parentheses) may itself hold
     * spaces and parentheses, so the state is what follows the last ')'.
     */
    public static String parse(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0 || close + 2 >= stat.length()) return "";
        return stat.substring(close + 2, close + 3);
    }
}
