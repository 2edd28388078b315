package io.faultline.stores.zookeeper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The jars a ZooKeeper server JVM needs, as Maven resolved them at build time into
 * {@code workloads/target/zookeeper-classpath.txt} (zookeeper, jute, netty, slf4j with a simple
 * backend, metrics-core, snappy-java, commons-io).
 */
final class ServerClasspath {
    static final String FILE = "workloads/target/zookeeper-classpath.txt";

    private ServerClasspath() {
    }

    static List<String> read(Path home) {
        Path file = home.resolve(FILE);
        String text;
        try {
            text = Files.readString(file).trim();
        } catch (IOException e) {
            throw new IllegalArgumentException("the ZooKeeper server classpath " + file + " is missing (faultline.home is "
                    + home + "); build it with ./mvnw -q -pl workloads -am package -DskipTests, or run through ./faultline");
        }
        List<String> jars = new ArrayList<>();
        for (String entry : text.split(java.io.File.pathSeparator)) {
            if (entry.isBlank()) continue;
            if (!Files.isRegularFile(Path.of(entry))) {
                throw new IllegalArgumentException(file + " names " + entry + ", which does not exist; rebuild with "
                        + "./mvnw -q -pl workloads -am package -DskipTests");
            }
            jars.add(entry);
        }
        if (jars.stream().noneMatch(j -> Path.of(j).getFileName().toString().startsWith("zookeeper-3"))) {
            throw new IllegalArgumentException(file + " holds no zookeeper jar: " + text);
        }
        return jars;
    }
}
