package org.finetuneplanner.service.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.finetuneplanner.core.Estimator;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.service.persistence.ScenarioJson;
import org.junit.jupiter.api.Test;

/**
 * Speed against the public cases that give tokens/s: every complete case (as {@code score.py} counts them), read
 * through the real scenario reader and GPU catalog and answered by the full estimator (memory included: paged
 * optimizer states depend on the free memory). Multi-GPU figures in these sources are whole-job tokens/s.
 */
class SpeedValidationTest {

    @Test
    void medianSpeedErrorOnPublicCasesStaysWithinTarget() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ScenarioJson reader = ScenarioJson.standard();
        Estimator estimator = Estimator.standard();
        List<Double> errors = new ArrayList<>();
        // The per-case table is shown only when an assertion fails: a passing build keeps its log quiet.
        StringBuilder table = new StringBuilder();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                getClass().getResourceAsStream("/validation/public-cases.jsonl"), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                JsonNode c = mapper.readTree(line);
                JsonNode expected = c.path("expected");
                if (!expected.has("tokens_per_second") || !expected.path("complete").asBoolean()) {
                    continue;
                }
                Scenario s = reader.read(c.path("scenario").toString());
                double predicted = estimator.estimate(s).throughput().tokensPerSecond();
                double measured = expected.path("tokens_per_second").asDouble();
                double error = (predicted - measured) / measured;
                errors.add(Math.abs(error));
                table.append(String.format(Locale.ROOT, "%n%-40s pred %7.0f meas %7.0f err %+5.0f%%",
                        c.path("id").asText(), predicted, measured, 100 * error));
            }
        }
        List<Double> sorted = errors.stream().sorted().toList();
        double median = sorted.get(sorted.size() / 2);
        double within25 = sorted.stream().filter(e -> e <= 0.25).count() / (double) sorted.size();
        String summary = String.format(Locale.ROOT, "speed cases %d, MdAPE %.1f%%, within 25%% %.0f%%%s",
                sorted.size(), 100 * median, 100 * within25, table);
        assertEquals(19, sorted.size(), "complete cases with tokens/s; " + summary);
        // reached 25.7 % on 19 cases through the full estimator (target ≤ 30 %); the outliers are discussed in
        // docs/methodology.md "Time". The bound is the target: the memory estimate (paged optimizer headroom) moves it.
        assertTrue(median <= 0.30, summary);
    }
}
