package io.faultline.env;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A harness-like process for the crash test: creates an environment, starts a long sleep on each
 * node, prints "READY <pid>..." and waits to be SIGKILLed (so no shutdown hook runs); with a fourth
 * argument "leave-running" it keeps its environment and exits normally instead.
 */
public final class CrashVictim {
    private CrashVictim() {
    }

    public static void main(String[] args) throws Exception {
        Environment env = Environments.create(new EnvironmentSpec(args[0], args[1], 2, Path.of(args[2]), false, true));
        StringBuilder sb = new StringBuilder("READY");
        for (Node n : env.nodes()) {
            NodeProcess p = n.spawn(List.of("sleep", "300"), Map.of(), n.dir().resolve("sleep.log"));
            sb.append(' ').append(p.pid());
            env.peerAddress(n, env.nodes().get(0), 7000);
        }
        // Give the process-exit bookkeeping a moment so the state file holds every pid.
        Thread.sleep(200);
        System.out.println(sb);
        System.out.flush();
        if (args.length > 3 && args[3].equals("leave-running")) {
            // --leave-running: the harness ends normally and its environment must stay.
            env.keepAfterExit();
            System.exit(0);
        }
        Thread.sleep(600_000);
    }
}
