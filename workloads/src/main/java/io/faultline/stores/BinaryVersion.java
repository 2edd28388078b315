package io.faultline.stores;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The version a store's server binary reports for {@code --version}, as the first group of a pattern. */
public final class BinaryVersion {
    private BinaryVersion() {
    }

    /**
     * @param expected what the answer should hold, for the error message (e.g. "an 'etcd Version:' line")
     * @throws IllegalArgumentException naming the binary and what it answered
     */
    public static String probe(Path bin, Pattern version, String expected) {
        try {
            Process p = new ProcessBuilder(bin.toString(), "--version").redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalArgumentException(bin + " --version did not finish within 10 s");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            Matcher m = version.matcher(text);
            if (p.exitValue() != 0 || !m.find()) {
                throw new IllegalArgumentException(bin + " --version answered (exit " + p.exitValue() + ") without "
                        + expected + ": " + text.strip());
            }
            return m.group(1);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot run " + bin + " --version: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalArgumentException("interrupted while running " + bin + " --version", e);
        }
    }
}
