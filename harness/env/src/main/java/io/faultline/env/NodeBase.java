package io.faultline.env;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What every node under libfaketime shares, wherever its processes run (this host, a namespace,
 * a container, a remote host): its name, address and folder, the offset file in that folder, the faketime
 * settings of its processes, and the limit on short commands.
 */
public abstract class NodeBase implements FaketimeNode {
    /** How long a short command (iptables, kill, a clock read) may take. */
    protected static final Duration EXEC_LIMIT = Duration.ofSeconds(30);

    protected final String name;
    protected final String host;
    protected final Path dir;

    protected NodeBase(String name, String host, Path dir) {
        this.name = name;
        this.host = host;
        this.dir = dir;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String host() {
        return host;
    }

    @Override
    public final Path dir() {
        return dir;
    }

    /** In the node's folder on this machine; a node whose processes run elsewhere names its own. */
    @Override
    public Path offsetFile() {
        return dir.resolve("faketime.offset");
    }

    /** The variables that put a process under libfaketime with this node's offset file. */
    protected final Map<String, String> faketimeEnvironment(Path library) {
        return Faketime.environment(library, offsetFile());
    }

    /** Refuses an empty command, naming the node. */
    protected final void requireCommand(List<String> command) {
        if (command.isEmpty()) throw new IllegalArgumentException("node " + name + ": empty command");
    }
}
