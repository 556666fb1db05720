package org.finetuneplanner.service.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.finetuneplanner.core.Estimator;
import org.finetuneplanner.service.persistence.ScenarioJson;
import org.finetuneplanner.service.report.pdf.PdfReportExporter;
import org.finetuneplanner.service.validation.ValidationRunner;

/**
 * Reports of real scenarios with the real estimator, planner, catalog and measured accuracy, rendered once per test
 * run: a customer looks at these. The scenarios cover the methods, one and many GPUs, a mixture of experts, no
 * dataset size and a job nothing fits.
 */
public final class RealReports {
    /** Scenario files (finetune-plan/1) by a short name. */
    public static final Map<String, String> SCENARIOS = Map.of(
            "lora-8b", scenario("Llama 3.1 8B LoRA, customer support", "llama-3.1-8b", "lora", 4, 2048,
                    "l40s-48gb", 1, "none", 100_000_000L),
            "full-70b", scenario("Llama 3.1 70B full fine-tune", "llama-3.1-70b", "full", 1, 4096, "h100-sxm-80gb",
                    8, "zero3", 100_000_000L),
            "qlora-qwen", scenario("Qwen 7B QLoRA tiếng Việt", "qwen2.5-7b", "qlora", 2, 2048, "rtx-4090-24gb", 1,
                    "none", 20_000_000L),
            "mixtral", scenario("Mixtral 8x7B LoRA", "mixtral-8x7b", "lora", 1, 4096, "a100-sxm-80gb", 2, "fsdp",
                    50_000_000L),
            "no-data", scenario("Phi-3 mini, size unknown", "phi-3-mini-4k", "lora", 8, 1024, "t4-16gb", 1, "none",
                    0L),
            "too-big", scenario("405B full at 16k", "llama-3.1-405b", "full", 8, 16384, "rtx-4090-24gb", 1, "none",
                    1_000_000_000L));

    private static final Map<String, byte[]> RENDERED = new ConcurrentHashMap<>();
    private static final ScenarioJson READER = ScenarioJson.standard();
    private static final Estimator ESTIMATOR = Estimator.standard();
    private static final ReportService SERVICE = ReportService.standard(READER.catalogs().gpus(),
            ESTIMATOR::estimate, ESTIMATOR::explain,
            ReportAccuracy.shared(() -> new ValidationRunner(READER, ESTIMATOR::estimate)), new PdfReportExporter());

    private RealReports() {
    }

    private static String scenario(String name, String preset, String method, int batch, int sequence, String gpu,
                                   int count, String sharding, long tokens) {
        return "{\"format\":\"finetune-plan/1\",\"name\":\"" + name + "\",\"model\":{\"preset\":\"" + preset
                + "\"},\"method\":{\"type\":\"" + method + "\",\"rank\":16},"
                + "\"training\":{\"micro_batch_size\":" + batch + ",\"sequence_length\":" + sequence + "},"
                + "\"hardware\":{\"gpu\":\"" + gpu + "\",\"gpu_count\":" + count + ",\"sharding\":\"" + sharding
                + "\"}" + (tokens > 0 ? ",\"data\":{\"tokens\":" + tokens + ",\"epochs\":1}" : "") + "}";
    }

    /** The data of scenario {@code name} in {@code lang}, for a Vietnamese customer. */
    public static ReportData data(String name, ReportLanguage lang) {
        ReportMeta meta = new ReportMeta("", "Công ty Cổ phần Dữ liệu Việt", "Acme GPU Cloud", "Nguyễn Văn An",
                Optional.empty(), LocalDate.of(2026, 12, 4), lang, PaperSize.A4);
        return SERVICE.prepare(READER.read(SCENARIOS.get(name)), meta);
    }

    /** The PDF of scenario {@code name} in {@code lang} (rendered once). */
    public static byte[] pdf(String name, ReportLanguage lang) {
        return RENDERED.computeIfAbsent(name + "-" + lang, k -> new PdfReportExporter().render(data(name, lang)));
    }

    /** Every scenario's short name. */
    public static List<String> names() {
        return SCENARIOS.keySet().stream().sorted().toList();
    }
}
