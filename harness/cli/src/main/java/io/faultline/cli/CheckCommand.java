package io.faultline.cli;

import io.faultline.check.CheckResult;
import io.faultline.check.Checker;
import io.faultline.check.CheckerRegistry;
import io.faultline.check.ResultsJson;
import io.faultline.check.UnsuitableHistoryException;
import io.faultline.check.Verdict;
import io.faultline.check.elle.ElleCheckers;
import io.faultline.check.elle.IsolationSpec;
import io.faultline.history.History;
import io.faultline.history.HistoryFormat;
import io.faultline.history.HistoryFormatException;
import io.faultline.history.HistoryReaders;
import io.faultline.history.JsonValues;
import io.faultline.history.Operation;
import io.faultline.linear.CounterexampleText;
import io.faultline.linear.LinearizabilityChecker;
import io.faultline.linear.LinearizabilityResult;
import io.faultline.linear.Model;
import io.faultline.linear.ModelMismatchException;
import io.faultline.linear.Models;
import io.faultline.linear.model.KvModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check a history file for linearizability against a model, and explain a violation.",
                "Reads faultline JSONL, Jepsen EDN and Porcupine's etcd and kv logs; the format is detected when"
                        + " --format is omitted, the model inferred when the history makes it unambiguous.",
                "Exits 0 linearizable, 1 not linearizable, 2 unknown (timed out), 3 bad input (file:line: what was"
                        + " expected)."})
final class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "the history file")
    Path file;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "jsonl | jepsen-edn | porcupine-etcd | porcupine-kv (default: detected from content)")
    String format;

    @Option(names = "--model", paramLabel = "MODEL",
            description = "register | cas-register | kv | mutex | multi-register (default: inferred)")
    String model;

    @Option(names = "--initial", paramLabel = "JSON",
            description = "initial state: a value for the registers, an object of key to value for kv and"
                    + " multi-register (default: absent)")
    String initial;

    @Option(names = "--timeout", paramLabel = "S", defaultValue = "3600",
            description = "give up after S seconds with verdict unknown (default: ${DEFAULT-VALUE})")
    double timeoutSeconds;

    @Option(names = "--max-memory", paramLabel = "SIZE",
            description = "heap the linearizability search may hold, e.g. 2g or 512m; beyond it a partition is"
                    + " unknown, with the reason (default: three quarters of the free heap)")
    String maxMemory;

    @Option(names = "--html", paramLabel = "OUT", description = "also write a self-contained HTML page of the result")
    Path html;

    @Option(names = "--json", description = "print the result as JSON instead of text")
    boolean json;

    @Option(names = "--checker", paramLabel = "NAME[,NAME]",
            description = "run these checkers instead of linearizability alone: " + "linearizable, monotonic-reads,"
                    + " read-your-writes, monotonic-writes, writes-follow-reads, consistent-prefix, set, counter,"
                    + " unique-ids, election, list-append, rw-register")
    String checkers;

    @Option(names = "--no-partition", description = "kv only: check the whole map as one state instead of key by key")
    boolean noPartition;

    @Option(names = "--allow-empty", description = "accept a history without operations as valid (exit 0); by default it"
            + " proves nothing and the answer is unknown (exit 2)")
    boolean allowEmpty;

    @Option(names = "--consistency-models", paramLabel = "M[,M]",
            description = "list-append and rw-register: the models the history must satisfy, by Elle's names"
                    + " (strict-serializable, serializable, snapshot-isolation, repeatable-read, read-committed,"
                    + " read-uncommitted, strong-session-serializable, strong-session-snapshot-isolation, ...; default"
                    + " strict-serializable); only anomalies they forbid make the verdict invalid")
    String consistencyModels;

    @Option(names = "--anomalies", paramLabel = "A[,A]",
            description = "list-append and rw-register: anomaly types (Elle's names, e.g. G1a,G2-item) that make"
                    + " the verdict invalid besides those the models forbid")
    String anomalies;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return run(out, err);
        } catch (CheckInputException e) {
            err.println(e.getMessage());
            err.flush();
            return ExitCode.HARNESS_FAILURE;
        } finally {
            out.flush();
        }
    }

    private LinearizabilityChecker withMaxMemory(LinearizabilityChecker c) {
        return maxMemory == null ? c : c.withMaxMemory(maxMemoryBytes());
    }

    /** {@code --max-memory}: bytes, or a number with k, m or g (binary units), as -Xmx takes it. */
    private long maxMemoryBytes() {
        String s = maxMemory.trim().toLowerCase(java.util.Locale.ROOT);
        int shift = s.endsWith("k") ? 10 : s.endsWith("m") ? 20 : s.endsWith("g") ? 30 : 0;
        try {
            double v = Double.parseDouble(shift == 0 ? s : s.substring(0, s.length() - 1));
            if (v > 0 && v * (1L << shift) < Long.MAX_VALUE) return (long) (v * (1L << shift));
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new IllegalArgumentException("--max-memory: expected a size such as 2g, 512m or 1073741824, found \""
                + maxMemory + "\"");
    }

    private int run(PrintWriter out, PrintWriter err) throws IOException, CheckInputException {
        if (!Files.isRegularFile(file)) throw new CheckInputException(file + ": no such file");
        if (maxMemory != null) {
            try {
                maxMemoryBytes();
            } catch (IllegalArgumentException e) {
                throw new CheckInputException(e.getMessage());
            }
        }
        if (!(timeoutSeconds > 0)) throw new CheckInputException("--timeout: expected a positive number of seconds");
        HistoryFormat fmt = null;
        if (format != null) {
            fmt = HistoryFormat.byName(format);
            if (fmt == null) {
                throw new CheckInputException("--format: unknown format \"" + format
                        + "\"; expected jsonl, jepsen-edn, porcupine-etcd or porcupine-kv");
            }
        }
        History history;
        try {
            if (fmt == null) fmt = HistoryReaders.detect(file);
            history = HistoryReaders.read(file, fmt);
        } catch (HistoryFormatException e) {
            throw new CheckInputException(e.getMessage());
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new CheckInputException(file + ":" + TextLines.firstMalformedLine(file)
                    + ": not UTF-8 text; expected a history (JSON Lines, Jepsen EDN or a Porcupine log)");
        }
        if (history.operations().isEmpty() && !allowEmpty) {
            String why = file + ": no operations to check: an empty history proves nothing (pass --allow-empty to accept it)";
            if (json) out.println(JsonValues.write(json(fmt, List.of(new CheckResult(checkers == null ? "linearizable" : checkers,
                    Verdict.UNKNOWN, why, List.of(), java.util.Map.of()))), true));
            else out.println(why);
            return Verdict.UNKNOWN.exitCode();
        }
        Object init = null;
        if (initial != null) {
            try {
                init = JsonValues.parse(initial);
            } catch (IllegalArgumentException e) {
                throw new CheckInputException("--initial: not JSON (" + e.getMessage()
                        + "); expected a value such as 0, \"x\" or {\"k\":1}");
            }
        }
        boolean isolationFlag = consistencyModels != null || anomalies != null;
        if (isolationFlag && (checkers == null || checkers.trim().equals("linearizable"))) {
            throw new CheckInputException((consistencyModels != null ? "--consistency-models" : "--anomalies")
                    + " applies to --checker list-append or rw-register only");
        }
        if (checkers != null && !checkers.trim().equals("linearizable")) {
            return runCheckers(out, fmt, history, init);
        }
        List<Operation> ops = history.operations();
        Models models = Models.standard();
        Model m;
        String how;
        String name = model != null ? model : fmt.impliedModel();
        if (name != null) {
            m = models.byName(name).orElseThrow(() -> new CheckInputException("--model: unknown model \"" + model
                    + "\"; expected one of " + models.names()));
            how = model != null ? "" : " (implied by the " + fmt.cliName() + " format)";
        } else {
            m = models.infer(ops).orElseThrow(() -> new CheckInputException(file + ": cannot infer the model: "
                    + models.inferenceProblem(ops)));
            how = " (inferred)";
        }
        if (noPartition) {
            if (!m.name().equals("kv")) throw new CheckInputException("--no-partition applies to --model kv only");
            m = new KvModel(false);
        }
        LinearizabilityChecker checker = withMaxMemory(new LinearizabilityChecker(m, init,
                Duration.ofNanos((long) Math.min(timeoutSeconds * 1e9, Long.MAX_VALUE / 4)),
                Runtime.getRuntime().availableProcessors()));
        LinearizabilityResult r;
        try {
            r = checker.analyze(ops);
        } catch (ModelMismatchException e) {
            long line = history.lineOfIndex(e.operation().invokeIndex());
            throw new CheckInputException(file + ":" + line + ": " + e.getMessage());
        }
        if (json) {
            out.println(JsonValues.write(json(fmt, List.of(LinearizabilityChecker.toCheckResult(r))), true));
        } else {
            out.printf("%s: %d operations (%s), model %s%s, %d partition%s, checked in %.3f s%n", file, ops.size(),
                    fmt.cliName(), m.name(), how, r.partitions().size(), r.partitions().size() == 1 ? "" : "s",
                    r.elapsedNanos() / 1e9);
            out.print(CounterexampleText.report(r));
        }
        if (html != null) {
            Files.writeString(html, io.faultline.linear.Visualize.page(file.toString(), history, r), StandardCharsets.UTF_8);
            if (!json) out.println("wrote " + html);
        }
        return r.verdict().exitCode();
    }

    /** The results shape every verdict is written in ({@link ResultsJson}), with the file and its format. */
    private java.util.Map<String, Object> json(HistoryFormat fmt, List<CheckResult> results) {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("file", file.toString());
        m.put("format", fmt.cliName());
        m.putAll(ResultsJson.of(results));
        return m;
    }

    /**
     * {@code --checker}: any of the registry's checkers on one history. Linearizability among them
     * uses the same model choice as the default path, so its counterexample reads the same.
     */
    private int runCheckers(PrintWriter out, HistoryFormat fmt, History history, Object init) throws CheckInputException {
        CheckerRegistry registry = new CheckerRegistry(() -> {
            Models models = Models.standard();
            List<Operation> ops = history.operations();
            Model m = model != null
                    ? models.byName(model).orElseThrow(() -> new IllegalArgumentException("--model: unknown model \""
                            + model + "\"; expected one of " + models.names()))
                    : models.infer(ops).orElseThrow(() -> new IllegalArgumentException(file
                            + ": cannot infer the model: " + models.inferenceProblem(ops)));
            return withMaxMemory(new LinearizabilityChecker(m, init,
                    Duration.ofNanos((long) Math.min(timeoutSeconds * 1e9, Long.MAX_VALUE / 4)),
                    Runtime.getRuntime().availableProcessors()));
        });
        IsolationSpec isolation = IsolationSpec.STRICT_SERIALIZABLE;
        if (consistencyModels != null || anomalies != null) {
            String flag = consistencyModels != null ? "--consistency-models" : "--anomalies";
            List<String> names = List.of(checkers.split(",")).stream().map(String::trim).toList();
            if (!names.contains("list-append") && !names.contains("rw-register")) {
                throw new CheckInputException(flag + " applies to --checker list-append or rw-register only");
            }
            try {
                isolation = IsolationSpec.parse(consistencyModels, anomalies);
            } catch (IllegalArgumentException e) {
                throw new CheckInputException(e.getMessage());
            }
        }
        ElleCheckers.addTo(registry, isolation);
        List<CheckResult> results = new ArrayList<>();
        try {
            for (Checker c : registry.createAll(checkers)) results.add(c.check(history));
        } catch (UnsuitableHistoryException | ModelMismatchException e) {
            throw new CheckInputException(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new CheckInputException("--checker: " + e.getMessage());
        }
        if (json) {
            out.println(JsonValues.write(json(fmt, results), true));
        } else {
            out.printf("%s: %d operations, checkers %s%n", file, history.operations().size(), checkers);
            out.print(ResultsJson.text(results));
        }
        Verdict v = ResultsJson.combined(results);
        return v.exitCode();
    }
}
