package io.faultline.env;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A pid plus its start time in clock ticks since boot (field 22 of /proc/PID/stat), so a
 * recycled pid is never mistaken for the process a state file recorded.
 */
record ProcessIdentity(long pid, long startTicks) {

    static ProcessIdentity self() {
        long pid = ProcessHandle.current().pid();
        return new ProcessIdentity(pid, startTicks(pid).orElse(0L));
    }

    static ProcessIdentity of(long pid) {
        return new ProcessIdentity(pid, startTicks(pid).orElse(0L));
    }

    static Optional<ProcessIdentity> parse(String s) {
        String[] parts = s.trim().split("\\s+");
        try {
            return Optional.of(new ProcessIdentity(Long.parseLong(parts[0]), parts.length > 1 ? Long.parseLong(parts[1]) : 0L));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** True when a process with this pid runs and started at the recorded tick. */
    boolean isAlive() {
        Optional<Long> now = startTicks(pid);
        return now.isPresent() && (startTicks == 0 || now.get() == startTicks);
    }

    static Optional<Long> startTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) may hold spaces and parentheses; fields resume after the last ')'.
            String rest = stat.substring(stat.lastIndexOf(')') + 2);
            String[] f = rest.split(" ");
            // rest starts at field 3 (state); field 22 (starttime) is index 19.
            return Optional.of(Long.parseLong(f[19]));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return pid + " " + startTicks;
    }
}
