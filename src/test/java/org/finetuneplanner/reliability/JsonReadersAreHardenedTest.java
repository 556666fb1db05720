package org.finetuneplanner.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every JSON reader of the application goes through {@link org.finetuneplanner.service.io.SafeJson}'s one mapper
 * (stream limits, trailing tokens and duplicate keys rejected, strict values, binding only to the application's own
 * DTO records), and nothing anywhere turns on polymorphic typing, which would let a file name the classes Jackson
 * instantiates. A scan of the sources, like {@code LayeringTest}.
 */
class JsonReadersAreHardenedTest {

    private static final Path MAIN = Path.of("src/main/java/org/finetuneplanner");
    private static final Path SAFE_JSON = MAIN.resolve("service/io/SafeJson.java");

    /** Building a mapper or parser, or binding JSON to classes, outside SafeJson. */
    private static final Pattern OWN_READER = Pattern.compile("new\\s+ObjectMapper\\s*\\(|JsonMapper\\.builder\\s*\\("
            + "|new\\s+JsonFactory\\s*\\(|JsonFactory\\.builder\\s*\\(|\\.createParser\\s*\\(|\\.readValue\\s*\\("
            + "|\\.treeToValue\\s*\\(|\\.convertValue\\s*\\(");
    /** Polymorphic typing, anywhere. */
    private static final Pattern POLYMORPHIC = Pattern.compile("DefaultTyping|@JsonTypeInfo|JsonTypeInfo\\."
            + "|PolymorphicTypeValidator|enableDefaultTyping|activateDefaultTyping");

    @Test
    void everyJsonReaderUsesSafeJsonAndNoneTurnsOnPolymorphicTyping() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i).strip();
                    if (line.startsWith("*") || line.startsWith("//")) {
                        continue;
                    }
                    boolean own = !file.equals(SAFE_JSON) && OWN_READER.matcher(line).find();
                    if (own || POLYMORPHIC.matcher(line).find()) {
                        found.add(MAIN.relativize(file) + ":" + (i + 1) + ": " + line);
                    }
                }
            }
        }
        assertEquals(List.of(), found, "read and bind JSON through SafeJson (readTree, bind) and JsonBinding");
    }

    /** The control: the scan recognises what it is meant to keep out. */
    @Test
    void theScanRecognisesOwnReadersAndPolymorphicTyping() {
        for (String line : List.of("ObjectMapper m = new ObjectMapper();", "mapper.readValue(text, Foo.class)",
                "JsonMapper.builder().build()", "factory.createParser(in)", "mapper.treeToValue(tree, Foo.class)")) {
            assertEquals(true, OWN_READER.matcher(line).find(), line);
        }
        for (String line : List.of("mapper.activateDefaultTyping(ptv)", "@JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)",
                "mapper.enableDefaultTyping()")) {
            assertEquals(true, POLYMORPHIC.matcher(line).find(), line);
        }
        for (String line : List.of("SafeJson.readTree(in)", "SafeJson.compact(node)")) {
            assertEquals(false, OWN_READER.matcher(line).find() || POLYMORPHIC.matcher(line).find(), line);
        }
    }
}
