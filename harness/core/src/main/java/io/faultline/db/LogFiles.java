package io.faultline.db;

import io.faultline.env.Node;
import java.nio.file.Path;
import java.util.List;

/** A store whose nodes write files worth keeping with the results (Jepsen's LogFiles protocol). */
public interface LogFiles extends Db {
    /** Files to keep under nodes/&lt;node&gt;/ in the results. */
    List<Path> logFiles(Node node);
}
