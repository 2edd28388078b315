package io.faultline.cli;

import io.faultline.check.CheckResult;
import io.faultline.history.HistoryFormat;
import io.faultline.linear.LinearizabilityChecker;
import io.faultline.linear.LinearizabilityResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The machine-readable result of {@code faultline check --json}. */
final class CheckJson {
    private CheckJson() {
    }

    static Map<String, Object> result(Path file, HistoryFormat format, LinearizabilityResult r) {
        CheckResult c = LinearizabilityChecker.toCheckResult(r);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file.toString());
        m.put("format", format.cliName());
        m.put("checker", c.checker());
        m.put("verdict", c.verdict().name().toLowerCase(java.util.Locale.ROOT));
        m.put("exitCode", (long) c.verdict().exitCode());
        m.put("summary", c.summary());
        List<Object> anomalies = new ArrayList<>();
        c.anomalies().forEach(a -> {
            Map<String, Object> am = new LinkedHashMap<>();
            am.put("type", a.type());
            am.put("explanation", a.explanation());
            am.put("opIndexes", a.opIndexes());
            anomalies.add(am);
        });
        m.put("anomalies", anomalies);
        m.put("details", c.details());
        return m;
    }
}
