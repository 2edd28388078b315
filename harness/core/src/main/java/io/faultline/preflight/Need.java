package io.faultline.preflight;

/**
 * A tool and what asked for it, e.g. iptables needed by "--nemesis partition", so a refusal or an
 * install line can say why.
 */
public record Need(Tool tool, String neededBy) {
}
