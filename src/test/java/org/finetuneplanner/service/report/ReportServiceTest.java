package org.finetuneplanner.service.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.finetuneplanner.service.report.pdf.PdfReportExporter;
import org.finetuneplanner.service.validation.ValidationRunner;
import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.Estimator;
import org.finetuneplanner.core.plan.PlanOption;
import org.finetuneplanner.core.scenario.FineTuneMethod;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.service.persistence.ScenarioJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The report of a real scenario with the real estimator, planner, catalog and bundled validation cases. */
class ReportServiceTest {
    private static final Estimator ESTIMATOR = Estimator.standard();
    private static ReportData data;
    private static String text;

    @BeforeAll
    static void render() throws IOException {
        data = prepare("{\"name\": \"Llama 3.1 8B LoRA\", \"model\": {\"preset\": \"llama-3.1-8b\"},"
                + " \"method\": {\"type\": \"lora\", \"rank\": 16}, \"training\": {\"micro_batch_size\": 4,"
                + " \"sequence_length\": 2048, \"activation_checkpointing\": \"full\"},"
                + " \"hardware\": {\"gpu\": \"l40s-48gb\"}, \"data\": {\"tokens\": 50000000, \"epochs\": 3}}",
                ReportAccuracy.shared(() -> new ValidationRunner(ScenarioJson.standard(), ESTIMATOR::estimate)));
        try (PDDocument doc = Loader.loadPDF(new PdfReportExporter().render(data))) {
            text = new PDFTextStripper().getText(doc).replace('\n', ' ');
        }
    }

    /** The report's data for a scenario file's text, on the whole catalog with the real estimator. */
    private static ReportData prepare(String scenario, Supplier<ReportAccuracy> accuracy) {
        ScenarioJson reader = ScenarioJson.standard();
        ReportService service = ReportService.standard(reader.catalogs().gpus(), ESTIMATOR::estimate,
                ESTIMATOR::explain, accuracy, new PdfReportExporter());
        return service.prepare(reader.read(scenario), ReportMeta.defaults(LocalDate.of(2026, 11, 29)));
    }

    @Test
    void theRecommendationIsThePlansCheapestOptionAndItsNumbersArePrinted() {
        PlanOption rec = data.recommended().orElseThrow();
        assertEquals(data.plan().cheapest().orElseThrow(), rec.gpu().id());
        assertTrue(rec.fits());
        ReportFormats f = new ReportFormats(ReportLanguage.EN);
        Estimate e = rec.estimate();
        assertTrue(text.contains("Recommended: " + rec.gpuCount() + " × " + rec.gpu().name()), "the recommendation");
        for (String expected : List.of(f.gib(e.memory().perGpu().totalBytes()), f.hours(e.hours().getAsDouble()),
                f.usd(e.cost().orElseThrow().usd()), f.integer(e.throughput().tokensPerSecond()))) {
            assertTrue(text.contains(expected), "the text should contain " + expected);
        }
    }

    @Test
    void theOwnEstimateIsTheEstimatorsAnswerForTheScenarioAsGiven() {
        assertEquals(ESTIMATOR.estimate(data.scenario()).memory().perGpu(), data.estimate().memory().perGpu());
    }

    @Test
    void doublingTheSequenceIsEstimatedByTheEstimatorAndNeedsMoreMemory() {
        SensitivityCase longer = data.sensitivity().stream()
                .filter(c -> c.kind() == SensitivityCase.Kind.SEQUENCE_DOUBLED).findFirst().orElseThrow();
        Scenario base = data.baseline().scenario();
        assertEquals(2 * base.training().sequenceLength(), longer.scenario().training().sequenceLength());
        assertEquals(base.hardware(), longer.scenario().hardware(), "same GPUs, count and sharding");
        assertEquals(ESTIMATOR.estimate(longer.scenario()).memory().perGpu(), longer.sameHardware().memory()
                .perGpu());
        // Activations and logits grow linearly in s with flash attention and checkpointing (memory engineer's model).
        assertTrue(longer.sameHardware().memory().perGpu().activationsBytes()
                > data.baseline().memory().perGpu().activationsBytes());
    }

    @Test
    void theOtherMethodsUseTheirDefaults() {
        SensitivityCase qlora = data.sensitivity().stream()
                .filter(c -> c.kind() == SensitivityCase.Kind.METHOD_QLORA).findFirst().orElseThrow();
        assertEquals(FineTuneMethod.QLORA, qlora.scenario().method().type());
        assertEquals("nf4", qlora.scenario().method().baseWeights().id());
        assertTrue(qlora.sameHardware().memory().perGpu().weightsBytes()
                < data.baseline().memory().perGpu().weightsBytes(), "NF4 weights are smaller than BF16");
        assertFalse(data.sensitivity().stream().anyMatch(c -> c.kind() == SensitivityCase.Kind.METHOD_LORA),
                "the scenario's own method is not a change");
        assertTrue(data.sensitivity().stream().anyMatch(c -> c.kind() == SensitivityCase.Kind.METHOD_FULL));
    }

    /**
     * A what-if case beyond the limits of a scenario is left out, not a failed report: the longest sequence
     * (16,777,216) cannot be doubled, and full fine-tuning's unused rank of 65,536 is no LoRA rank for Llama 3.1 8B
     * (its k and v are 1,024 wide), so neither LoRA nor QLoRA is a case; the other cases are there.
     */
    @Test
    void whatIfCasesBeyondTheLimitsAreLeftOut() {
        ReportData limits = prepare("{\"model\": {\"preset\": \"llama-3.1-8b\"}, \"method\": {\"type\": \"full\","
                + " \"rank\": 65536}, \"training\": {\"sequence_length\": 16777216, \"activation_checkpointing\":"
                + " \"full\"}, \"hardware\": {\"gpu\": \"h100-sxm-80gb\", \"gpu_count\": 65536, \"sharding\":"
                + " \"fsdp\"}}", () -> ReportAccuracy.none());
        assertEquals(List.of(SensitivityCase.Kind.ONE_FEWER_GPU), limits.sensitivity().stream()
                .map(SensitivityCase::kind).toList(), "no doubled sequence, no LoRA or QLoRA, no 65,537th GPU");
    }

    @Test
    void theAccuracyTableIsMeasuredOverTheBundledCasesAtReportTime() {
        ReportAccuracy acc = data.accuracy();
        assertFalse(acc.rows().isEmpty(), "the public cases are bundled");
        ReportAccuracy.Row memory = acc.rows().get(0);
        assertEquals(ReportAccuracy.Quantity.MEMORY, memory.quantity());
        ReportFormats f = new ReportFormats(ReportLanguage.EN);
        assertTrue(text.contains("Peak GPU memory " + memory.cases() + " " + f.percentValue(
                memory.medianAbsPercentError())), "the memory row as measured");
    }
}
