package io.faultline.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.faultline.history.JsonlReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The hand-written fixture histories the README points at ({@code ./faultline check FILE
 * --checker NAME}), one folder per module ({@code src/test/resources/fixtures/anomalies}), and
 * its {@code expected.tsv}: file, checker, verdict, the anomaly types that fail the check, and
 * whatever further columns the module's checkers need. Each module's fixtures test reads its own
 * folder (the test jar leaves the fixtures out, so the name is never ambiguous).
 */
public final class AnomalyFixtures {
    private AnomalyFixtures() {
    }

    /** The fixture folder on the class path of {@code anchor}'s module. */
    public static Path dir(Class<?> anchor) throws Exception {
        return Path.of(anchor.getResource("/fixtures/anomalies/expected.tsv").toURI()).getParent();
    }

    /** The table's rows, each padded with empty strings to {@code columns}; a row with fewer than 4 or more fails. */
    public static Stream<String[]> rows(Path dir, int columns) throws Exception {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("expected.tsv"))) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] cols = line.split("\t");
            if (cols.length < 4 || cols.length > columns) throw new IllegalStateException("expected.tsv: bad row: " + line);
            rows.add(Arrays.copyOf(cols, columns));
        }
        return rows.stream().map(r -> Arrays.stream(r).map(c -> c == null ? "" : c).toArray(String[]::new));
    }

    /**
     * Checks {@code file} with {@code checker} and asserts the verdict and exactly the failing
     * anomaly types ({@code -} for none), each explained; returns the result for further columns.
     */
    public static CheckResult assertExactly(Path dir, String file, Checker checker, String verdict, String types)
            throws Exception {
        CheckResult r = checker.check(JsonlReader.read(dir.resolve(file)));
        assertEquals(verdict, r.verdict().name().toLowerCase(Locale.ROOT), file + ": " + r.summary());
        TreeSet<String> actual = new TreeSet<>();
        r.anomalies().forEach(a -> {
            actual.add(a.type());
            assertFalse(a.explanation().isBlank());
        });
        assertEquals(set(types), actual, file + ": " + r.summary());
        return r;
    }

    /** A comma-separated list of types, {@code -} for none. */
    public static TreeSet<String> set(String types) {
        return new TreeSet<>(types.equals("-") ? List.of() : Arrays.asList(types.split(",")));
    }

    /** A fixture without a row, or a row without its file, would silently test nothing. */
    public static void assertEveryFixtureHasARowAndEveryRowAFile(Path dir) throws Exception {
        TreeSet<String> rows = new TreeSet<>();
        rows(dir, 6).forEach(r -> rows.add(r[0]));
        TreeSet<String> files = new TreeSet<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jsonl")).forEach(files::add);
        }
        assertEquals(files, rows);
    }
}
