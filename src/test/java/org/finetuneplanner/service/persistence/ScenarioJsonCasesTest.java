package org.finetuneplanner.service.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.finetuneplanner.core.scenario.Scenario;

/** The scenario reader on the published validation cases, and on mutated and truncated copies of them. */
class ScenarioJsonCasesTest {

    private static List<String> scenarios;
    private final ScenarioJson json = ScenarioJson.standard();

    @BeforeAll
    static void readCases() throws IOException {
        try (InputStream in = ScenarioJsonCasesTest.class.getResourceAsStream("/validation/public-cases.jsonl")) {
            scenarios = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank())
                    .map(line -> ScenarioJson.parse(line).get("scenario").toString())
                    .toList();
        }
    }

    @Test
    void everyPublishedCaseReadsAndRoundTrips() {
        assertTrue(scenarios.size() >= 70, "cases: " + scenarios.size());
        for (String text : scenarios) {
            ScenarioJson.Document d = json.readDocument(text);
            Scenario s = d.scenario();
            assertEquals(s, json.read(json.write(s)), s.name());
            assertEquals(s, json.read(json.write(s, d.source())), s.name());
        }
    }

    /**
     * 4,000 mutants (truncated, a character replaced, deleted or duplicated, a number made huge or negative): each
     * either reads or fails with a ScenarioException whose message is one non-empty line. Nothing else escapes.
     */
    @Test
    void mutatedScenariosFailOnlyWithClearMessages() {
        Random random = new Random(20261129L);
        String alphabet = "{}[]\":,-.0123456789eE truefalsnul\\xé\u0000";
        int read = 0;
        int rejected = 0;
        for (int i = 0; i < 4000; i++) {
            String text = scenarios.get(random.nextInt(scenarios.size()));
            int at = random.nextInt(text.length());
            String mutant = switch (i % 6) {
                case 0 -> text.substring(0, at);
                case 1 -> text.substring(0, at) + alphabet.charAt(random.nextInt(alphabet.length()))
                        + text.substring(at + 1);
                case 2 -> text.substring(0, at) + text.substring(at + 1);
                case 3 -> text.substring(0, at) + text.charAt(at) + text.substring(at);
                case 4 -> text.replaceFirst(":(\\d+)", ":" + (random.nextBoolean() ? "1e308" : "-$1"));
                default -> text.replaceFirst("\"[a-z_]+\":\"[a-z0-9_.-]+\"", "\"x\":" + random.nextInt());
            };
            try {
                json.read(mutant);
                read++;
            } catch (ScenarioException e) {
                rejected++;
                String message = e.getMessage();
                assertFalse(message == null || message.isBlank(), mutant);
                assertFalse(message.contains("\n"), message);
            } catch (RuntimeException e) {
                fail("mutant " + i + " escaped with " + e + ": " + mutant);
            }
        }
        assertTrue(rejected > 1000 && read > 100, "read " + read + ", rejected " + rejected);
    }
}
