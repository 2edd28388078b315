package io.faultline.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library example in README.md compiles against this module and prints the verdict it claims. */
class ReadmeExampleTest {
    @Test
    void theReadmeLibraryExampleCompilesAndFindsTheStaleRead(@TempDir Path dir) throws Exception {
        String readme = Files.readString(TestData.checkout().orElseThrow(() -> new AssertionError("no mvnw above "
                + Path.of("").toAbsolutePath())).resolve("README.md"));
        int marker = readme.indexOf("<!-- library-example -->");
        assertTrue(marker >= 0, "README.md has lost its <!-- library-example --> marker");
        int start = readme.indexOf("```java\n", marker) + "```java\n".length();
        String source = readme.substring(start, readme.indexOf("```", start));
        assertTrue(source.lines().count() <= 25, "the example stays short: " + source.lines().count() + " lines");
        Path file = dir.resolve("Example.java");
        Files.writeString(file, source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int rc = javac.run(null, null, diagnostics, "-d", dir.toString(), "-cp", System.getProperty("java.class.path"),
                file.toString());
        assertEquals(0, rc, diagnostics.toString(StandardCharsets.UTF_8));
        PrintStream saved = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            loader.loadClass("Example").getMethod("main", String[].class).invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(saved);
        }
        assertEquals("INVALID", printed.toString(StandardCharsets.UTF_8).trim());
    }
}
