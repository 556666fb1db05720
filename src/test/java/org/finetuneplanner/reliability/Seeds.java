package org.finetuneplanner.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import org.finetuneplanner.service.catalog.CatalogModel;
import org.finetuneplanner.service.catalog.Catalogs;
import org.finetuneplanner.service.io.SafeJson;

/** Real inputs the fuzzers start from: scenario files, config.json presets and the bundled catalogs. */
final class Seeds {

    /** The example of the scenario format (spec, section "Scenario"), as a user would save it. */
    static final String SPEC_EXAMPLE = """
            {
              "format": "finetune-plan/1",
              "name": "Llama 3.1 8B, QLoRA r16, 1x L40S",
              "model": {
                "preset": "llama-3.1-8b",
                "config": null,
                "parameters": null
              },
              "method": {
                "type": "qlora",
                "rank": 16,
                "alpha": 32,
                "targets": ["q", "k", "v", "o", "gate", "up", "down"],
                "extra_trainable": [],
                "base_weights": "nf4"
              },
              "training": {
                "precision": "bf16",
                "master_weights": false,
                "optimizer": "adamw",
                "micro_batch_size": 4,
                "sequence_length": 2048,
                "gradient_accumulation_steps": 4,
                "activation_checkpointing": "full",
                "attention": "flash",
                "loss": "standard",
                "framework": "generic"
              },
              "hardware": {
                "gpu": "l40s-48gb",
                "gpu_count": 1,
                "sharding": "none",
                "offload": "none"
              },
              "data": { "tokens": 50000000, "epochs": 3 },
              "cost": { "usd_per_gpu_hour": null, "provider": null, "mfu": null }
            }
            """;

    private static final List<String> SCENARIOS = loadScenarios();
    private static final List<String> CONFIGS = loadConfigs();

    private Seeds() {
    }

    /** The spec example and every scenario of the public validation cases, pretty-printed. */
    static List<String> scenarios() {
        return SCENARIOS;
    }

    /** Every preset's {@code config.json} map from the bundled model catalog, pretty-printed. */
    static List<String> configs() {
        return CONFIGS;
    }

    /** A class-path resource as bytes. */
    static byte[] resource(String name) {
        try (InputStream in = Seeds.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> loadScenarios() {
        List<String> result = new ArrayList<>();
        result.add(SPEC_EXAMPLE);
        String cases = new String(resource("/validation/public-cases.jsonl"), StandardCharsets.UTF_8);
        for (String line : cases.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode scenario = SafeJson.readTree(line).get("scenario");
                if (scenario != null && scenario.isObject()) {
                    result.add(SafeJson.pretty(scenario));
                }
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a validation case is not JSON: " + e.getOriginalMessage(), e);
            }
        }
        return List.copyOf(result);
    }

    private static List<String> loadConfigs() {
        List<String> result = new ArrayList<>();
        for (CatalogModel model : Catalogs.load().models()) {
            result.add(SafeJson.pretty(SafeJson.toTree(model.config())));
        }
        return List.copyOf(result);
    }
}
