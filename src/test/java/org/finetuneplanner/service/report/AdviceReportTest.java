package org.finetuneplanner.service.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.finetuneplanner.core.Estimator;
import org.finetuneplanner.core.cost.CostProjector;
import org.finetuneplanner.core.gpu.CaveatId;
import org.finetuneplanner.core.gpu.GpuSpec;
import org.finetuneplanner.core.plan.Adjustment;
import org.finetuneplanner.core.plan.PlanOption;
import org.finetuneplanner.core.plan.PlanSpec;
import org.finetuneplanner.core.plan.Planner;
import org.finetuneplanner.core.plan.Setting;
import org.finetuneplanner.core.range.Confidence;
import org.finetuneplanner.core.range.ErrorBand;
import org.finetuneplanner.core.range.FitStatus;
import org.finetuneplanner.core.scenario.FineTuneMethod;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.service.persistence.ScenarioJson;
import org.finetuneplanner.service.report.content.ReportContent;
import org.finetuneplanner.service.report.content.ReportDocument;
import org.finetuneplanner.service.report.content.Table;
import org.finetuneplanner.service.report.pdf.PdfReportExporter;
import org.finetuneplanner.service.text.Words;
import org.finetuneplanner.service.validation.ErrorBandsFile;
import org.junit.jupiter.api.Test;

/**
 * The planner's advice as the customer reads it in the PDF (issue 10): the examples of the issue with the real
 * estimator, planner, catalog and bundled error bands, read back with PDFTextStripper. Figures are worked out from
 * the formula of {@code advice-and-prices.md} ("Ranges") with the bundled bands, or taken from the planner's own
 * option where the test is about how the report shows it.
 */
class AdviceReportTest {
    private static final double GIB = 1L << 30;
    private static final ScenarioJson READER = ScenarioJson.standard();
    private static final Estimator ESTIMATOR = Estimator.standard();
    private static final Confidence CONFIDENCE = new Confidence(ErrorBandsFile.bundled());
    private static final Planner PLANNER = new Planner(s -> ESTIMATOR.estimate(s).memory(), ESTIMATOR::estimate,
            new CostProjector(), CONFIDENCE);

    /** Mistral 7B LoRA r16, micro-batch 8 × accumulation 4, 2,048 tokens, no checkpointing, standard loss. */
    private static final String MISTRAL = """
            {"format": "finetune-plan/1", "name": "Mistral 7B LoRA", "model": {"preset": "mistral-7b-v0.1"},
             "method": {"type": "lora", "rank": 16},
             "training": {"precision": "bf16", "micro_batch_size": 8, "gradient_accumulation_steps": 4,
                          "sequence_length": 2048, "activation_checkpointing": "none", "loss": "standard"},
             "hardware": {"gpu": "l40s-48gb"}, "data": {"tokens": 50000000, "epochs": 1}}""";

    /** Llama 3.1 70B full fine-tuning on 8 × MI300X, FSDP, 64 GiB of host memory per node (too little to offload). */
    private static final String FULL_70B = """
            {"format": "finetune-plan/1", "name": "70B full", "model": {"preset": "llama-3.1-70b"},
             "method": {"type": "full"},
             "training": {"micro_batch_size": 1, "sequence_length": 2048, "activation_checkpointing": "full"},
             "hardware": {"gpu": "mi300x-192gb", "gpu_count": 8, "sharding": "fsdp", "host_memory_gib": 64},
             "data": {"tokens": 100000000, "epochs": 1}}""";

    /** QLoRA of Llama 2 7B in BF16 on a V100 32GB: the V100 has no BF16 tensor cores. */
    private static final String V100 = """
            {"format": "finetune-plan/1", "name": "QLoRA BF16 V100", "model": {"preset": "llama-2-7b"},
             "method": {"type": "qlora", "rank": 16},
             "training": {"precision": "bf16", "micro_batch_size": 4, "activation_checkpointing": "full"},
             "hardware": {"gpu": "v100-sxm2-32gb"}, "data": {"tokens": 10000000}}""";

    /** QLoRA (bitsandbytes 4-bit) of Llama 3.1 8B on an MI300X. */
    private static final String MI300X_QLORA = """
            {"format": "finetune-plan/1", "name": "QLoRA on MI300X", "model": {"preset": "llama-3.1-8b"},
             "method": {"type": "qlora"}, "hardware": {"gpu": "mi300x-192gb"}, "data": {"tokens": 20000000}}""";

    private static ReportData data(String json, PlanSpec spec, ReportLanguage lang) {
        Scenario s = READER.read(json);
        List<GpuSpec> gpus = spec.gpuIds().isEmpty() ? READER.catalogs().gpus()
                : spec.gpuIds().stream().map(id -> READER.catalogs().gpu(id).orElseThrow()).toList();
        ReportMeta meta = new ReportMeta("", "Công ty Cổ phần Dữ liệu Việt", "Acme GPU Cloud", "Nguyễn Văn An",
                Optional.empty(), LocalDate.of(2026, 12, 5), lang, PaperSize.A4);
        return ReportData.build(s, ESTIMATOR::estimate, ESTIMATOR::explain, (sc, g) -> PLANNER.plan(sc, g, spec), gpus,
                meta, ReportAccuracy.none().withBands(ErrorBandsFile.bundled()));
    }

    /**
     * The PDF's text as a viewer extracts it, with every run of white space (line ends and no-break spaces too) as
     * one space.
     */
    private static String text(ReportData data) throws IOException {
        try (PDDocument doc = Loader.loadPDF(new PdfReportExporter().render(data))) {
            return new PDFTextStripper().getText(doc).replaceAll("[\\s\\u00a0]+", " ");
        }
    }

    /** What the text says around the first {@code key}, for a failure's message. */
    private static String excerpt(String text, String key) {
        int at = Math.max(0, text.indexOf(key));
        return text.substring(at, Math.min(text.length(), at + 400));
    }

    private static String gib(double bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / GIB);
    }

    /** The rows of the options table (the first table headed "Status"), each as its cells' plain text. */
    private static List<List<String>> optionRows(ReportData data) {
        return rows(ReportContent.of(data), "Status");
    }

    /** The rows of the first table whose second column is headed {@code header}, as the cells' plain text. */
    private static List<List<String>> rows(ReportDocument d, String header) {
        Table t = d.body().stream().filter(Table.class::isInstance).map(Table.class::cast)
                .filter(x -> x.columns().size() > 1 && x.columns().get(1).header().plain().equals(header))
                .findFirst().orElseThrow();
        List<List<String>> rows = new ArrayList<>();
        t.rows().forEach(r -> rows.add(r.cells().stream().map(c -> c.text().plain()).toList()));
        return rows;
    }

    @Test
    void mistralAtMicroBatchEightFitsAnL40sWithTheChangesListedAndTheLargestThatFit() throws IOException {
        ReportData data = data(MISTRAL, PlanSpec.defaults(), ReportLanguage.EN);
        PlanOption l40s = data.plan().option("l40s-48gb").orElseThrow();
        assertEquals(FitStatus.FITS, l40s.status());
        var t = l40s.estimate().scenario().training();
        // The planner keeps 8 × 4 × 1 = 32 sequences per step: the micro-batch goes down, the accumulation up.
        assertEquals(32, t.microBatchSize() * t.gradientAccumulationSteps() * l40s.gpuCount());
        assertEquals(List.of(new Adjustment(Setting.MICRO_BATCH_SIZE, 8, t.microBatchSize()),
                new Adjustment(Setting.GRADIENT_ACCUMULATION_STEPS, 4, t.gradientAccumulationSteps())),
                l40s.adjustments());
        String changes = "micro-batch 8 → " + t.microBatchSize() + ", accumulation 4 → "
                + t.gradientAccumulationSteps();
        String text = text(data);
        // The scenario's own GPU is not the recommendation (a cheaper option exists), so the summary says what the
        // planner does there, with the settings it changes, from → to.
        assertNotEquals("l40s-48gb", data.recommended().orElseThrow().gpu().id());
        assertTrue(text.contains("On NVIDIA L40S 48GB the planner makes the job fit on " + l40s.gpuCount()
                + " GPU(s), one GPU, no sharding, by changing " + changes + " (fits, $"),
                excerpt(text, "On NVIDIA L40S"));
        // The options' second table lists the same changes and the largest micro-batch and sequence that fit.
        assertTrue(text.contains("NVIDIA L40S 48GB " + changes), "the L40S row of settings changed");
        assertTrue(text.contains(String.format(Locale.ROOT, "%d / %,d", l40s.largestMicroBatch(),
                l40s.largestSequenceLength())), "largest micro-batch / sequence");
        // Memory range of LoRA on one GPU: total / (1 + e90) to total / (1 + e10), from the bundled band.
        ErrorBand band = CONFIDENCE.memoryBand(FineTuneMethod.LORA, 1);
        double total = l40s.estimate().memory().perGpu().totalBytes();
        String range = String.format(Locale.ROOT, "(%.1f–%.1f)", total / (1 + band.e90()) / GIB,
                total / (1 + band.e10()) / GIB);
        List<String> row = optionRows(data).stream().filter(r -> r.get(0).equals("NVIDIA L40S 48GB")).findFirst()
                .orElseThrow();
        assertEquals("fits", row.get(1));
        assertEquals("—", row.get(4), "no offload");
        assertTrue(row.get(5).endsWith("\n" + range), row.get(5));
        // The price says where it comes from and when: the provider of the option's cost.
        assertTrue(row.get(8).startsWith(l40s.cost().orElseThrow().provider() + " · "), row.get(8));
        assertFalse(text.contains("cannot draw"), "no character is missing from the fonts");
    }

    @Test
    void seventyBFullOnEightMi300xIsRecommendedTightOnlyWhenNothingFitsAndSaysSo() throws IOException {
        // Only the MI300X, at most 8 GPUs, 64 GiB of host memory: nothing fits with margin (no offload, no more GPUs).
        PlanSpec spec = new PlanSpec(Set.of(), 8, List.of("mi300x-192gb"));
        ReportData data = data(FULL_70B, spec, ReportLanguage.EN);
        PlanOption rec = data.recommended().orElseThrow();
        assertEquals(FitStatus.TIGHT, rec.status());
        // High end of the memory range: total / (1 + e10) with the band of full fine-tuning on several GPUs (pooled
        // into its method's band when it has fewer than 8 runs); above the card's usable memory, so tight.
        ErrorBand band = CONFIDENCE.memoryBand(FineTuneMethod.FULL, 8);
        double total = rec.estimate().memory().perGpu().totalBytes();
        double capacity = rec.estimate().memory().capacityBytes();
        double high = total / (1 + band.e10());
        assertTrue(total <= capacity && high > capacity, gib(total) + " / " + gib(high) + " / " + gib(capacity));
        String text = text(data);
        assertTrue(text.contains("Nothing fits with margin, so this recommendation is tight: the estimate fits, but "
                + "the high end of its memory range (" + gib(high) + ") is above the card's " + gib(capacity) + "."),
                gib(high) + " " + gib(capacity) + ": " + excerpt(text, "Nothing fits"));
        assertTrue(text.contains("tight, " + gib(capacity - total) + " headroom and the high end is above the card"),
                excerpt(text, "Memory per GPU"));
        assertTrue(text.contains("The estimate fits, but the high end of its memory range (" + gib(high) + ")"),
                "the main risk is the tight fit");
        assertEquals("tight\u00a0⚠", optionRows(data).get(0).get(1));
        // What if: 7 GPUs hold more per GPU than 8 (the states are sharded over fewer), past the card: that case
        // does not fit there and is not priced (time, cost and its change are dashes).
        List<List<String>> cases = rows(ReportContent.of(data), "Status here");
        List<String> fewer = cases.stream().filter(r -> r.get(0).startsWith("One fewer GPU")).findFirst()
                .orElseThrow();
        assertEquals(List.of("no", "—", "—", "—"), List.of(fewer.get(1), fewer.get(3), fewer.get(4), fewer.get(5)),
                fewer.toString());
        // The same in Vietnamese: "sát" is the status, and the summary says it is the only choice.
        String vi = text(data(FULL_70B, spec, ReportLanguage.VI));
        assertTrue(vi.contains("sát ⚠"), "the Vietnamese status");
        assertTrue(vi.contains(gib(high).replace('.', ',')), "the high end in Vietnamese numbers");
    }

    @Test
    void aV100IsNotTheFastestForABf16JobAndTheReportSaysWhy() throws IOException {
        ReportData data = data(V100, PlanSpec.defaults(), ReportLanguage.EN);
        PlanOption v100 = data.plan().option("v100-sxm2-32gb").orElseThrow();
        assertTrue(v100.fits() && !v100.ranked());
        assertNotEquals(Optional.of("v100-sxm2-32gb"), data.plan().fastest());
        String text = text(data);
        String why = "NVIDIA Tesla V100 SXM2 32GB has no BF16 tensor cores: the figures assume FP16 with loss "
                + "scaling, and the option is not ranked cheapest or fastest (that would change the job's precision).";
        // Under the options, and in the summary beside what the planner does on the scenario's own V100.
        assertTrue(text.contains("Options never named cheapest or fastest, and why"), excerpt(text, "never named"));
        assertTrue(text.contains(why), excerpt(text, "never named"));
        assertTrue(text.contains("training settings as given (fits, no price listed). NVIDIA Tesla V100 SXM2 32GB has "
                + "no BF16 tensor"), excerpt(text, "On NVIDIA Tesla V100"));
        assertFalse(text.contains("Fastest option that fits: 1 × NVIDIA Tesla V100"));
        // The catalog's caveat, with its source among the numbered sources.
        assertTrue(text.contains("no BF16 — NVIDIA T4 16GB, NVIDIA Tesla V100 SXM2 16GB, NVIDIA Tesla V100 SXM2 32GB: "
                + "no BF16 tensor cores"), excerpt(text, "no BF16 —"));
        assertTrue(text.contains("PyTorch BF16 below CC 8.0"), "the caveat's source");
    }

    @Test
    void qloraOnAnMi300xCarriesItsRocmBitsandbytesCaveatWithItsSource() throws IOException {
        ReportData data = data(MI300X_QLORA, PlanSpec.defaults(), ReportLanguage.EN);
        PlanOption mi300x = data.plan().option("mi300x-192gb").orElseThrow();
        String source = mi300x.caveats().stream().filter(c -> c.id() == CaveatId.ROCM_BITSANDBYTES).findFirst()
                .orElseThrow().sources().get(0).replaceFirst("^S\\d+:\\s*", "");
        String text = text(data);
        // In the summary, under what the planner does on the customer's MI300X, and in the options' caveats.
        assertTrue(text.contains("bitsandbytes on ROCm (AMD Instinct MI300X 192GB): 4-bit with blocksize 64 works "
                + "from 0.49.2"), excerpt(text, "bitsandbytes on ROCm"));
        assertTrue(text.contains("ROCm bitsandbytes — AMD Instinct MI300X 192GB"), "the caveats' legend");
        assertTrue(text.contains(source.substring(0, 30)), "its source: " + source);
    }

    @Test
    void anOptionThatDoesNotFitHasNoTimeOrCostSortsLastAndSaysWhatWouldFit() throws IOException {
        // At most one GPU: the Mistral job does not fit some cards whatever the planner changes.
        ReportData data = data(MISTRAL, new PlanSpec(Set.of(), 1, List.of()), ReportLanguage.EN);
        List<PlanOption> no = data.plan().options().stream().filter(o -> o.status() == FitStatus.NO).toList();
        assertFalse(no.isEmpty(), "some option does not fit on one GPU");
        List<List<String>> rows = optionRows(data);
        int firstNo = rows.size() - no.size();
        for (int i = 0; i < rows.size(); i++) {
            List<String> r = rows.get(i);
            assertEquals(i >= firstNo, r.get(1).equals("no"), "the options that do not fit come last: " + r);
            if (i >= firstNo) {
                // Time, cost, and the provider and date of a price: none for an option that does not fit.
                assertEquals(List.of("—", "—", "—"), r.subList(6, 9), r.toString());
            }
        }
        String text = text(data);
        assertTrue(text.contains("Why some options do not fit"));
        PlanOption first = no.get(0);
        assertTrue(first.reasons().size() > 1, "why, and the smallest change that would make it fit");
        String said = Words.english().reasons(first.reasons()).replaceAll("[\\s\\u00a0]+", " ");
        assertTrue(text.contains(first.gpu().name() + ": " + said), said);
        assertTrue(said.contains("It would fit"), said);
    }

    @Test
    void theVietnameseAdviceHasNoEnglishWordOutsideNamesAndCitations() throws IOException {
        PlanSpec one = new PlanSpec(Set.of(), 1, List.of());
        for (String json : List.of(MISTRAL, FULL_70B, V100, MI300X_QLORA)) {
            for (PlanSpec spec : List.of(PlanSpec.defaults(), one)) {
                byte[] pdf = new PdfReportExporter().render(data(json, spec, ReportLanguage.VI));
                PdfWords.Split text = PdfWords.of(pdf);
                assertEquals(List.of(), Languages.englishFunctionWords(text.words()), json);
                // Not vacuous: the advice is there, in Vietnamese.
                assertTrue(text.words().contains("Mỗi phương án thay đổi gì, và cần biết gì"), "the advice table");
            }
        }
    }
}
