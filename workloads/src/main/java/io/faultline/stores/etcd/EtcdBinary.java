package io.faultline.stores.etcd;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The etcd server binary and its version, found once when the store is built so that a missing or
 * broken binary stops the run before anything is started.
 */
record EtcdBinary(Path path, String version) {
    static final String INSTALL = "apt-get install -y etcd-server (Debian's etcd 3.4), then stop its default "
            + "service with systemctl disable --now etcd";
    private static final Pattern VERSION = Pattern.compile("etcd Version:\\s*(\\S+)");

    /**
     * @param configured the {@code etcd-bin} store setting, or null to search PATH
     * @param pathVar    the PATH to search
     */
    static EtcdBinary locate(String configured, String pathVar) {
        Path bin;
        if (configured != null && !configured.isBlank()) {
            bin = Path.of(configured.trim());
            if (!Files.isRegularFile(bin) || !Files.isExecutable(bin)) {
                throw new IllegalArgumentException("--opt store.etcd-bin=" + configured + ": no executable file there; "
                        + "install etcd with: " + INSTALL);
            }
        } else {
            bin = null;
            for (String dir : (pathVar == null ? "" : pathVar).split(":")) {
                if (dir.isEmpty()) continue;
                Path p = Path.of(dir, "etcd");
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    bin = p;
                    break;
                }
            }
            if (bin == null) {
                throw new IllegalArgumentException("etcd binary not found on PATH; install it with: " + INSTALL
                        + ", or point at one with --opt store.etcd-bin=PATH");
            }
        }
        return new EtcdBinary(bin.toAbsolutePath(), probeVersion(bin));
    }

    private static String probeVersion(Path bin) {
        return io.faultline.stores.BinaryVersion.probe(bin, VERSION, "an 'etcd Version:' line");
    }
}
