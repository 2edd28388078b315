package io.faultline.env;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What this process may do to the host's network: namespaces need root (uid 0). */
public final class Privileges {
    private Privileges() {
    }

    public static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    String[] f = line.substring(4).trim().split("\\s+");
                    return "0".equals(f[1]);
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }
}
