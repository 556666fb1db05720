package org.finetuneplanner.service.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Speed against every public case that gives tokens/s: the torchtune README tables and PEFT's MetaMathQA benchmark
 * ({@code public-cases.jsonl}) and the MLPerf Training Llama-2-70B LoRA results, NeMo's and NeMo AutoModel's tables
 * ({@code speed-cases.jsonl}), read through the real scenario reader and GPU catalog and answered by the full
 * estimator (memory included: paged optimizer states depend on the free memory), scored as {@code validate} scores
 * them. Figures are whole-job tokens/s. Targets (issue 12): median ≤ 15 %, 90th percentile ≤ 40 %.
 */
class SpeedValidationTest {

    private static ValidationRunner.Report report;

    @BeforeAll
    static void run() throws URISyntaxException {
        report = ValidationRunner.standard().run(PublicCasesValidationTest.resource("public-cases.jsonl"),
                PublicCasesValidationTest.resource("speed-cases.jsonl"));
    }

    @Test
    void everySpeedCaseIsScoredOrExcludedWithItsReason() {
        ValidationRunner.GroupStats speed = report.speed();
        assertEquals(43, speed.eligible(), report.format());
        assertEquals(43, speed.covered(), report.format());
        List<String> excluded = report.cases().stream().filter(c -> !c.speedExcluded().isEmpty()
                && c.measuredTokensPerSecond() > 0).map(ValidationRunner.CaseResult::id).toList();
        assertEquals(List.of("tt-2405-l2-7b-lora-2x4090", "tt-2405-l2-7b-full-4x4090", "tt-2405-l2-70b-lora-8xa100",
                "tt-2405-l2-70b-full-8xa100", "tt-2409-l31-8b-lora-a6000"), excluded);
    }

    @Test
    void medianMeetsTheTarget() {
        assertTrue(report.speed().mdape() <= 0.15, report.format() + report.formatCases());
    }

    @Test
    void ninetiethPercentileMeetsTheTarget() {
        // Target 40 %; reached 35.0 % once bitsandbytes' 32-bit paged states are counted in fp32 (the 2024-05
        // torchtune full fine-tuning on one 4090 pages 54 GB, not 27, through a 24 GB card: +76 % → +32 %). Still
        // beyond it, and named in docs/methodology.md "Speed validation": the multi-node MLPerf runs at one
        // micro-batch per step (+36 to +109 %) and NeMo AutoModel's PyTorch-native TP2 × PP4 × VP10 LoRA (+49 %).
        assertTrue(report.speed().p90() <= 0.40, report.format() + report.formatCases());
    }
}
