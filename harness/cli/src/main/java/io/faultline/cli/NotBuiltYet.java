package io.faultline.cli;

/** Says, for a subcommand whose part of the product has not landed, which part brings it. */
final class NotBuiltYet {
    private NotBuiltYet() {
    }

    static int report(String command, String bringer) {
        System.err.println("faultline " + command + ": not built yet; it comes with " + bringer + ".");
        return ExitCode.HARNESS_FAILURE;
    }
}
