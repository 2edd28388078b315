package io.faultline.runner;

import java.util.Set;

/** A snapshot for the live progress line. */
public record Progress(String phase, double elapsedSeconds, double limitSeconds, long ok, long fail, long info,
                       double opsPerSecond, Set<String> activeFaults) {
}
