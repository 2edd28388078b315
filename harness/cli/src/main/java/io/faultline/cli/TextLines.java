package io.faultline.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds where a file stops being UTF-8, so the error can name the line as every other input error does. */
final class TextLines {
    private TextLines() {
    }

    /** The 1-based line holding the first byte that is not UTF-8 (1 when the file cannot be read). */
    static long firstMalformedLine(Path file) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        long line = 1;
        try (InputStream in = Files.newInputStream(file)) {
            ByteBuffer bytes = ByteBuffer.allocate(64 * 1024);
            CharBuffer chars = CharBuffer.allocate(64 * 1024);
            boolean eof = false;
            while (true) {
                if (!eof) {
                    int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                    if (n < 0) eof = true;
                    else bytes.position(bytes.position() + n);
                }
                bytes.flip();
                CoderResult r = decoder.decode(bytes, chars, eof);
                chars.flip();
                while (chars.hasRemaining()) if (chars.get() == '\n') line++;
                chars.clear();
                if (r.isError()) return line;
                bytes.compact();
                if (eof && bytes.position() == 0) return line;
                if (eof) {
                    // bytes left that cannot form a character: the truncated tail is the bad spot
                    return line;
                }
            }
        } catch (IOException e) {
            return 1;
        }
    }
}
