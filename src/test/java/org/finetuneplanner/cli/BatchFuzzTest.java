package org.finetuneplanner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import org.finetuneplanner.service.io.SafeJson;

/**
 * {@code estimate --batch}: good scenario lines mixed with damaged ones (bytes flipped, cut, tokens spliced in).
 * The spec's contract: one result per non-blank input line, in input order, each a JSON object; a bad line yields
 * {@code {"name": …, "error": …}} on its own line and the run goes on; exit status 1 when any line failed, else 0.
 */
class BatchFuzzTest {

    private static final String[] TOKENS = {"{", "}", "[", "]", ",", ":", "\"", "null", "1e999", "-1", "NaN",
        "\"gpu\": 7, ", "\"micro_batch_size\": 0, ", "\uFEFF", "\u0000", "\"preset\": \"nope\", "};

    @Property(tries = 100, seed = "20261129")
    void aBadLineFailsAloneAndEveryLineIsAnsweredInOrder(@ForAll Random random) throws JsonProcessingException {
        int count = 1 + random.nextInt(6);
        List<String> lines = new ArrayList<>();
        List<Boolean> good = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String line = "{\"name\": \"case-" + i + "\", \"model\": {\"preset\": \"qwen2.5-0.5b\"}, \"method\": "
                    + "{\"type\": \"lora\"}, \"training\": {\"micro_batch_size\": " + (1 + random.nextInt(8))
                    + "}, \"hardware\": {\"gpu\": \"l4-24gb\"}, \"data\": {\"tokens\": 1000000}}";
            boolean damage = random.nextInt(3) == 0;
            if (damage) {
                line = damage(line, random);
            }
            lines.add(line);
            good.add(!damage);
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String input = String.join(random.nextBoolean() ? "\n" : "\r\n", lines) + (random.nextBoolean() ? "\n" : "");
        int status = Main.run(new String[] {"estimate", "--batch", "-"}, CliContext.standard(
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), new PrintWriter(out),
                new PrintWriter(err)));

        List<String> nonBlank = lines.stream().filter(l -> !l.isBlank()).toList();
        List<String> answers = out.toString().lines().toList();
        assertEquals(nonBlank.size(), answers.size(), "one answer per non-blank line\n" + input + "\n" + out);
        boolean anyError = false;
        int answer = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            JsonNode result = SafeJson.readTree(answers.get(answer++));
            assertTrue(result.isObject(), "not an object: " + result);
            assertTrue(result.has("name"), "no name: " + result);
            if (result.has("error")) {
                anyError = true;
                String message = result.get("error").asText();
                assertFalse(message.isBlank() || message.contains("\n") || message.contains("Exception"),
                        "error: " + message);
                assertTrue(message.startsWith("line " + (i + 1) + ": "), "names its line: " + message);
            } else {
                assertTrue(result.has("memory_gib"), "neither a result nor an error: " + result);
            }
            if (good.get(i)) {
                assertFalse(result.has("error"), "a good line failed: " + result);
                assertEquals("case-" + i, result.get("name").asText(), "answers out of order");
            }
        }
        assertEquals(anyError ? ExitCodes.INVALID_INPUT : ExitCodes.OK, status, err.toString());
        for (String line : err.toString().lines().toList()) {
            assertTrue(line.startsWith("error: "), "standard error: " + line);
        }
    }

    private static String damage(String line, Random random) {
        StringBuilder b = new StringBuilder(line);
        int rounds = 1 + random.nextInt(3);
        for (int r = 0; r < rounds && b.length() > 0; r++) {
            int at = random.nextInt(b.length());
            switch (random.nextInt(4)) {
                case 0 -> b.setLength(at);
                case 1 -> b.deleteCharAt(at);
                case 2 -> b.insert(at, TOKENS[random.nextInt(TOKENS.length)]);
                default -> b.setCharAt(at, (char) (32 + random.nextInt(95)));
            }
        }
        return b.toString().replace('\n', ' ').replace('\r', ' ');
    }
}
