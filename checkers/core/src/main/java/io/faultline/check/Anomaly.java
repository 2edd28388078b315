package io.faultline.check;

import java.util.List;

/**
 * One anomaly a checker found, explained in words.
 *
 * @param type        catalog name, e.g. "nonlinearizable", "lost-write", "G2-item"
 * @param explanation one or more sentences a person can follow
 * @param opIndexes   indexes of the history events involved, so reports can link to them
 */
public record Anomaly(String type, String explanation, List<Long> opIndexes) {
    public Anomaly {
        opIndexes = List.copyOf(opIndexes);
    }
}
