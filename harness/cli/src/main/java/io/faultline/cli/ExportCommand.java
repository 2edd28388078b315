package io.faultline.cli;

import io.faultline.history.EdnWriter;
import io.faultline.history.History;
import io.faultline.history.HistoryFormat;
import io.faultline.history.HistoryFormatException;
import io.faultline.history.HistoryReaders;
import io.faultline.history.HistoryWriter;
import io.faultline.history.JsonlWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code faultline export FILE --format jepsen-edn|jsonl [--out OUT]}: any readable history, rewritten. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write a history in another format: Jepsen EDN (one op map per line, as Jepsen's"
                + " history.edn) or faultline JSONL.",
                "Reads every format check reads (detected from the content unless --from is given).",
                "Exits 0 when written, 3 on bad input (file:line: what was expected)."})
final class ExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "the history file")
    Path file;

    @Option(names = "--format", paramLabel = "FORMAT", required = true,
            description = "output format: jepsen-edn or jsonl")
    String format;

    @Option(names = "--from", paramLabel = "FORMAT", description = "input format, when detection is not wanted: "
            + "jsonl, jepsen-edn, porcupine-kv, porcupine-etcd")
    String from;

    @Option(names = {"-o", "--out"}, paramLabel = "OUT", description = "write here instead of standard output")
    Path out;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        HistoryFormat to = HistoryFormat.byName(format);
        if (to != HistoryFormat.JEPSEN_EDN && to != HistoryFormat.JSONL) {
            err.println("--format: expected jepsen-edn or jsonl, found \"" + format + "\"");
            return ExitCode.HARNESS_FAILURE;
        }
        HistoryFormat in = null;
        if (from != null) {
            in = HistoryFormat.byName(from);
            if (in == null) {
                err.println("--from: unknown format \"" + from + "\"");
                return ExitCode.HARNESS_FAILURE;
            }
        }
        if (!Files.isRegularFile(file)) {
            err.println(file + ": no such file");
            return ExitCode.HARNESS_FAILURE;
        }
        History h;
        try {
            h = HistoryReaders.read(file, in);
        } catch (HistoryFormatException e) {
            err.println(e.getMessage());
            return ExitCode.HARNESS_FAILURE;
        }
        Writer w = out != null ? Files.newBufferedWriter(out, StandardCharsets.UTF_8)
                : new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        try {
            HistoryWriter hw = to == HistoryFormat.JEPSEN_EDN ? new EdnWriter(w) : new JsonlWriter(w);
            hw.writeAll(h);
            hw.flush();
        } finally {
            // standard output stays open for whoever called us; a file is closed
            if (out != null) w.close();
            else w.flush();
        }
        return ExitCode.VALID;
    }
}
