package io.faultline.results;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reading and writing the JSON files of a run folder, so that test.json and results.json are
 * written and read by one mapper with one key style (kebab-case, through each record's naming).
 */
final class RunFolderFile {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private RunFolderFile() {
    }

    static void write(Path file, Object record) throws IOException {
        JSON.writeValue(file.toFile(), record);
    }

    /** A missing or unreadable file is an error naming the file and what was expected. */
    static <T> T read(Path file, Class<T> type, String what) throws RunFolderException {
        if (!Files.isRegularFile(file)) throw new RunFolderException(file + ": missing (" + what + ")");
        try {
            return JSON.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new RunFolderException(file + ": not " + what + ": " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        }
    }

    /** The record as an ordered map of its JSON fields, for tables that list every setting. */
    @SuppressWarnings("unchecked")
    static java.util.Map<String, Object> fields(Object record) {
        return JSON.convertValue(record, java.util.LinkedHashMap.class);
    }

}
