package io.faultline.cli;

import io.faultline.serve.ResultsServer;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "A small web UI over a results folder: runs with verdict, store, workload, nemesis and date; "
                + "filter by verdict; open a report; compare two runs side by side.",
        footer = {"", "Serves only files under the results folder. Stop with Ctrl-C.",
                "Example: ./faultline serve --port 8080 --results results"})
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8080", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Mixin
    ResultsRoot results = new ResultsRoot();

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
    String bind;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            System.err.println("faultline serve: --port must be 0 to 65535, got " + port);
            return ExitCode.HARNESS_FAILURE;
        }
        if (!Files.isDirectory(results.dir)) {
            System.err.println("faultline serve: --results " + results.dir + ": no such folder (run ./faultline run first)");
            return ExitCode.HARNESS_FAILURE;
        }
        ResultsServer server;
        try {
            server = new ResultsServer(results.dir, bind, port);
        } catch (IOException e) {
            System.err.println("faultline serve: cannot listen on " + bind + ":" + port + ": " + e.getMessage());
            return ExitCode.HARNESS_FAILURE;
        }
        server.start();
        System.out.println("serving " + results.dir.toAbsolutePath().normalize() + " at " + server.url() + " (Ctrl-C stops)");
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stop.countDown();
        }, "faultline-serve-stop"));
        stop.await();
        return ExitCode.VALID;
    }
}
