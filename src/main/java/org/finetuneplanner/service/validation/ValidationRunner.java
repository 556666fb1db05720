package org.finetuneplanner.service.validation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.Estimator;
import org.finetuneplanner.core.NoteId;
import org.finetuneplanner.core.memory.MemoryBreakdown;
import org.finetuneplanner.core.scenario.Limits;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.service.io.IoReasons;
import org.finetuneplanner.service.io.Bounds;
import org.finetuneplanner.service.io.JsonBinding;
import org.finetuneplanner.service.io.LineReader;
import org.finetuneplanner.service.io.SafeJson;
import org.finetuneplanner.service.persistence.ScenarioJson;
import org.finetuneplanner.service.text.Words;

/**
 * Runs the cases of validation files (JSON Lines: {@code id}, {@code scenario}, {@code expected}, {@code source},
 * {@code notes}, optionally {@code exclude} and {@code requires}) through the {@link Estimator} and scores them as
 * {@code validation/score.py} does: absolute percentage error of the measured figure ({@code expected.metric}:
 * {@code peak_allocated}, {@code peak_reserved} or {@code total}), median, 90th percentile, shares within 10 % and
 * 25 % and median signed error, by method and by single or multi-GPU; {@code oom} cases are right when the estimate
 * exceeds {@code capacity_gib}, {@code fits} cases when it does not; cases with {@code complete: false} are not
 * scored; {@code tokens_per_second} is scored the same way, whole-job tokens/s ({@code expected.metric:
 * "tokens_per_second"} marks a case that measured only speed).
 *
 * <p>{@code expected.tokens_per_sequence}, when given, is the mean length of the sequences a speed measurement
 * trained on (the source's total tokens over its samples) where the scenario's {@code sequence_length} is the cap
 * that sets the memory peak; the speed is then estimated at that mean length.
 *
 * <p>{@code exclude} takes a side of a case out of the scores with its documented reason: {@code {"memory":
 * "…", "speed": "…"}} (either key), or a text for both. It is for a case whose stated setup contradicts its own
 * measurement (or cannot be known, as the validation README's {@code complete: false}); the table lists every
 * excluded case with its reason. {@code requires} lists the keys a case needs (for people).
 *
 * <p>Thread-safe when its estimator and reader are.
 */
public final class ValidationRunner {

    static final double GIB = 1024.0 * 1024 * 1024;

    private final ScenarioJson reader;
    private final Function<Scenario, Estimate> estimator;

    /**
     * @param reader    reads each case's scenario (catalog ids resolved)
     * @param estimator answers one scenario
     */
    public ValidationRunner(ScenarioJson reader, Function<Scenario, Estimate> estimator) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.estimator = Objects.requireNonNull(estimator, "estimator");
    }

    /** The runner with the bundled catalogs and the standard estimator. */
    public static ValidationRunner standard() {
        Estimator standard = Estimator.standard();
        return new ValidationRunner(ScenarioJson.standard(), standard::estimate);
    }

    /**
     * Runs every case of a file (JSON Lines, UTF-8). A line that is not UTF-8 or cannot be read fails alone.
     *
     * @throws ValidationException when the file cannot be read
     */
    public Report run(Path file) {
        return run(new Path[] {file});
    }

    /**
     * Runs every case of every file, in order, into one report (the memory cases and the speed cases, say).
     *
     * @throws ValidationException when a file cannot be read
     */
    public Report run(Path... files) {
        List<CaseResult> results = new ArrayList<>();
        for (Path file : files) {
            read(file, results);
        }
        return new Report(results);
    }

    private void read(Path file, List<CaseResult> results) {
        try (LineReader lines = new LineReader(Files.newInputStream(file), (int) SafeJson.MAX_DOCUMENT_BYTES)) {
            for (LineReader.Line line = lines.next(); line != null; line = lines.next()) {
                String where = "line " + line.number();
                if (line.notUtf8()) {
                    results.add(CaseResult.failed(where, SafeJson.notUtf8(line.number(), line.invalidByte())));
                } else if (line.tooLong()) {
                    results.add(CaseResult.failed(where, "longer than " + SafeJson.MAX_DOCUMENT_BYTES + " bytes"));
                } else if (!line.text().isBlank()) {
                    results.add(runCase(line.text(), line.number()));
                }
            }
        } catch (IOException e) {
            throw new ValidationException(file + ": " + (e instanceof NoSuchFileException ? "no such file"
                    : "cannot be read (" + IoReasons.of(e) + ")"), e);
        }
    }

    /** Runs every non-blank line as one case; a line that cannot be read becomes a failed case, the rest go on. */
    public Report run(List<String> lines) {
        List<CaseResult> results = new ArrayList<>(lines.size());
        int lineNo = 0;
        for (String line : lines) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            results.add(runCase(line, lineNo));
        }
        return new Report(results);
    }

    /**
     * One line of a validation file: {@code id}, {@code scenario}, {@code expected}, {@code requires} (keys the
     * case needs that the format may not know yet), {@code exclude} ({@code source} and {@code notes} are for people
     * and not read).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ValidationCase(String id, JsonNode scenario, Expected expected, List<String> requires, JsonNode exclude) {
    }

    /**
     * What was measured. Missing keys: metric {@code peak_allocated}, numbers 0 (not measured), case type "" (a peak
     * measurement), complete and unit_uncertain false, tokens_per_sequence the scenario's sequence length.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Expected(String metric, @Bounds(min = 0) Double peakGib, @Bounds(min = 0) Double capacityGib,
                    String caseType, @Bounds(min = 0) Double tokensPerSecond, Boolean complete,
                    Boolean unitUncertain,
                    @Bounds(min = 1, max = Limits.MAX_SEQUENCE_LENGTH) Integer tokensPerSequence) {
        static final Expected NONE = new Expected(null, null, null, null, null, null, null, null);
    }

    private CaseResult runCase(String line, long lineNo) {
        String id = "line " + lineNo;
        try {
            JsonNode root = ScenarioJson.parse(line);
            if (root.path("id").isTextual()) {
                id = root.get("id").textValue();
            }
            ValidationCase c = JsonBinding.bind(root, line, ValidationCase.class);
            if (c.scenario() == null || !c.scenario().isObject()) {
                return CaseResult.failed(id, "scenario: missing or not an object");
            }
            ScenarioJson.Document document = reader.readDocument(c.scenario());
            Scenario s = document.scenario();
            Estimate e = estimator.apply(s);
            // A case that needs keys the reader does not know yet ("requires") is run with them ignored; it says
            // nothing about the estimator until the reader can read them.
            boolean unread = c.requires() != null && !c.requires().isEmpty() && document.notes().stream().anyMatch(
                    n -> n.id() == NoteId.SCENARIO_UNKNOWN_KEY || n.id() == NoteId.SCENARIO_UNKNOWN_KEY_NEAR);
            Expected expected = c.expected() == null ? Expected.NONE : c.expected();
            String metric = or(expected.metric(), "peak_allocated");
            MemoryBreakdown b = e.memory().perGpu();
            double predicted = switch (metric) {
                case "peak_reserved" -> b.peakReservedBytes();
                case "total" -> b.totalBytes();
                default -> b.peakAllocatedBytes();
            } / GIB;
            double tps = or(expected.tokensPerSecond(), 0.0);
            double predictedTps = e.throughput().tokensPerSecond();
            int meanLength = or(expected.tokensPerSequence(), 0);
            if (tps > 0 && meanLength > 0 && meanLength != s.training().sequenceLength()) {
                predictedTps = estimator.apply(s.withTraining(s.training().withSequenceLength(meanLength)))
                        .throughput().tokensPerSecond();
            }
            JsonNode exclude = c.exclude() == null ? SafeJson.nodes().objectNode() : c.exclude();
            String memoryExcluded = exclude.isTextual() ? exclude.asText() : exclude.path("memory").asText("");
            String speedExcluded = exclude.isTextual() ? exclude.asText() : exclude.path("speed").asText("");
            return new CaseResult(id, s.method().type().id(), s.hardware().gpuCount() > 1, metric,
                    or(expected.complete(), false), or(expected.unitUncertain(), false), or(expected.caseType(), ""),
                    or(expected.peakGib(), 0.0), or(expected.capacityGib(), 0.0), predicted, tps, predictedTps, "",
                    unread, memoryExcluded, speedExcluded);
        } catch (IllegalArgumentException ex) {
            // A scenario that cannot be read, or a core check: both are IllegalArgumentExceptions.
            return CaseResult.failed(id, Words.english().message(ex));
        }
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }

    /**
     * One case and what the estimator said.
     *
     * @param id                   case id
     * @param method               full, lora or qlora
     * @param multiGpu             more than one GPU
     * @param metric               the measured figure (peak_allocated, peak_reserved, total)
     * @param complete             the setup is known exactly (else not scored)
     * @param unitUncertain        the source's unit is unclear (scored apart)
     * @param caseType             "" for a peak measurement, else oom / fits / max_context_fit
     * @param measuredGib          measured peak (0 for verdict cases)
     * @param capacityGib          card capacity for verdict cases
     * @param predictedGib         the estimate of {@code metric}
     * @param measuredTokensPerSecond measured speed, 0 when not given
     * @param predictedTokensPerSecond estimated speed
     * @param error                why the case could not be run, "" when it ran
     * @param requiresUnread       the case lists {@code requires} keys and the reader ignored some of its keys:
     *                             it ran without them (error bands leave it out)
     * @param memoryExcluded       why its memory is not scored although it ran (the case data's reason), or ""
     * @param speedExcluded        why its speed is not scored although it ran, or ""
     */
    public record CaseResult(String id, String method, boolean multiGpu, String metric, boolean complete,
                             boolean unitUncertain, String caseType, double measuredGib, double capacityGib,
                             double predictedGib, double measuredTokensPerSecond, double predictedTokensPerSecond,
                             String error, boolean requiresUnread, String memoryExcluded, String speedExcluded) {

        public CaseResult {
            memoryExcluded = memoryExcluded == null ? "" : memoryExcluded;
            speedExcluded = speedExcluded == null ? "" : speedExcluded;
        }

        /** A case with no side excluded by its data. */
        public CaseResult(String id, String method, boolean multiGpu, String metric, boolean complete,
                          boolean unitUncertain, String caseType, double measuredGib, double capacityGib,
                          double predictedGib, double measuredTokensPerSecond, double predictedTokensPerSecond,
                          String error, boolean requiresUnread) {
            this(id, method, multiGpu, metric, complete, unitUncertain, caseType, measuredGib, capacityGib,
                    predictedGib, measuredTokensPerSecond, predictedTokensPerSecond, error, requiresUnread, "", "");
        }

        static CaseResult failed(String id, String error) {
            return new CaseResult(id, "", false, "", false, false, "", 0, 0, Double.NaN, 0, Double.NaN, error,
                    false);
        }

        /** Whether its memory counts in the scores: complete, read in full and not excluded. */
        public boolean memoryScored() {
            return complete && !requiresUnread && memoryExcluded.isEmpty();
        }

        /** Whether its speed counts in the scores: complete, read in full, measured and not excluded. */
        public boolean speedScored() {
            return complete && !requiresUnread && measuredTokensPerSecond > 0 && speedExcluded.isEmpty();
        }

        /** Signed relative error of the speed estimate, NaN when not a speed case or not run. */
        public double speedError() {
            return ran() && measuredTokensPerSecond > 0
                    ? (predictedTokensPerSecond - measuredTokensPerSecond) / measuredTokensPerSecond : Double.NaN;
        }

        /** Whether the case ran. */
        public boolean ran() {
            return error.isEmpty();
        }

        /** Signed relative error of the memory estimate, NaN when not a scored peak case. */
        public double signedError() {
            return ran() && measuredGib > 0 ? (predictedGib - measuredGib) / measuredGib : Double.NaN;
        }

        /** Whether an oom/fits verdict came out right. */
        public boolean verdictRight() {
            boolean over = predictedGib > capacityGib;
            return "oom".equals(caseType) ? over : !over;
        }
    }

    /**
     * Statistics of one group of cases.
     *
     * @param covered  cases with an estimate
     * @param eligible cases in the group
     * @param mdape    median absolute percentage error (0.1 = 10 %)
     * @param p90      90th percentile of the absolute percentage error
     * @param within10 share within 10 %
     * @param within25 share within 25 %
     * @param bias     median signed error (+ over-, − under-estimate)
     */
    public record GroupStats(int covered, int eligible, double mdape, double p90, double within10, double within25,
                             double bias) {

        static GroupStats of(List<Double> signed, int eligible) {
            List<Double> abs = new ArrayList<>(signed.size());
            for (double x : signed) {
                abs.add(Math.abs(x));
            }
            abs.sort(null);
            List<Double> sorted = new ArrayList<>(signed);
            sorted.sort(null);
            int n = abs.size();
            double w10 = 0;
            double w25 = 0;
            for (double x : abs) {
                w10 += x <= 0.10 ? 1 : 0;
                w25 += x <= 0.25 ? 1 : 0;
            }
            return new GroupStats(n, eligible, percentile(abs, 0.5), percentile(abs, 0.9),
                    n == 0 ? Double.NaN : w10 / n, n == 0 ? Double.NaN : w25 / n, percentile(sorted, 0.5));
        }
    }

    /** Linear-interpolated percentile, as score.py computes it. */
    static double percentile(List<Double> sorted, double q) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        double pos = (sorted.size() - 1) * q;
        int lo = (int) pos;
        int hi = Math.min(lo + 1, sorted.size() - 1);
        return sorted.get(lo) + (sorted.get(hi) - sorted.get(lo)) * (pos - lo);
    }

    /**
     * Every case's result and the scored groups.
     *
     * @param cases every case, in file order
     */
    public record Report(List<CaseResult> cases) {

        public Report {
            cases = List.copyOf(cases);
        }

        /** Memory groups in score.py's order: all, method=…, single-GPU, multi-GPU, unit_uncertain (all). */
        public Map<String, GroupStats> groups() {
            Map<String, List<Double>> errors = new LinkedHashMap<>();
            Map<String, Integer> eligible = new LinkedHashMap<>();
            for (String g : List.of("all", "method=full", "method=lora", "method=qlora", "single-GPU", "multi-GPU",
                    "unit_uncertain (all)")) {
                errors.put(g, new ArrayList<>());
                eligible.put(g, 0);
            }
            for (CaseResult c : cases) {
                if (!c.memoryScored() || c.measuredGib() <= 0) {
                    continue;
                }
                List<String> names = c.unitUncertain() ? List.of("unit_uncertain (all)")
                        : List.of("all", "method=" + c.method(), c.multiGpu() ? "multi-GPU" : "single-GPU");
                for (String g : names) {
                    eligible.merge(g, 1, Integer::sum);
                    if (c.ran()) {
                        errors.get(g).add(c.signedError());
                    }
                }
            }
            Map<String, GroupStats> out = new LinkedHashMap<>();
            errors.forEach((g, list) -> {
                if (eligible.get(g) > 0) {
                    out.put(g, GroupStats.of(list, eligible.get(g)));
                }
            });
            return out;
        }

        /** Speed statistics over complete cases with a measured tokens/s that are not excluded. */
        public GroupStats speed() {
            return speedGroups().get("speed: tokens/s");
        }

        /** Speed statistics: all scored speed cases, then by method and by single or multi-GPU. */
        public Map<String, GroupStats> speedGroups() {
            Map<String, List<Double>> errors = new LinkedHashMap<>();
            Map<String, Integer> eligible = new LinkedHashMap<>();
            for (String g : List.of("speed: tokens/s", "speed: method=full", "speed: method=lora",
                    "speed: method=qlora", "speed: single-GPU", "speed: multi-GPU")) {
                errors.put(g, new ArrayList<>());
                eligible.put(g, 0);
            }
            for (CaseResult c : cases) {
                if (!c.speedScored()) {
                    continue;
                }
                for (String g : List.of("speed: tokens/s", "speed: method=" + c.method(),
                        c.multiGpu() ? "speed: multi-GPU" : "speed: single-GPU")) {
                    eligible.merge(g, 1, Integer::sum);
                    if (c.ran()) {
                        errors.get(g).add(c.speedError());
                    }
                }
            }
            Map<String, GroupStats> out = new LinkedHashMap<>();
            errors.forEach((g, list) -> out.put(g, GroupStats.of(list, eligible.get(g))));
            return out;
        }

        /** Complete oom cases, and how many were estimated over capacity. */
        public int[] oomVerdicts() {
            return verdicts("oom");
        }

        /** Complete fits cases (the run fitted), and how many were estimated within capacity. */
        public int[] fitsVerdicts() {
            return verdicts("fits");
        }

        private int[] verdicts(String type) {
            int eligible = 0;
            int right = 0;
            for (CaseResult c : cases) {
                if (c.memoryScored() && type.equals(c.caseType())) {
                    eligible++;
                    right += c.ran() && c.verdictRight() ? 1 : 0;
                }
            }
            return new int[] {eligible, right};
        }

        /** Cases that ran but have a side excluded by their own data, with the reason. */
        public List<CaseResult> excluded() {
            return cases.stream().filter(c -> c.ran() && c.complete()
                    && !(c.memoryExcluded().isEmpty() && c.speedExcluded().isEmpty())).toList();
        }

        /** Cases that could not be run. */
        public List<CaseResult> failures() {
            return cases.stream().filter(c -> !c.ran()).toList();
        }

        /** The table {@code validate} prints (same columns as score.py). */
        public String format() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "%-22s%9s  %6s %6s %6s %6s %6s%n", "group", "covered", "MdAPE", "P90",
                    "<=10%", "<=25%", "bias"));
            groups().forEach((g, st) -> row(sb, g, st));
            int[] oom = oomVerdicts();
            int[] fits = fitsVerdicts();
            if (oom[0] > 0 || fits[0] > 0) {
                sb.append("verdicts (oom: estimate > capacity; fits: estimate <= capacity)")
                        .append(System.lineSeparator());
            }
            if (oom[0] > 0) {
                sb.append(String.format(Locale.ROOT, "  %-18s %d/%d right%n", "oom", oom[1], oom[0]));
            }
            if (fits[0] > 0) {
                sb.append(String.format(Locale.ROOT, "  %-18s %d/%d right%n", "fits", fits[1], fits[0]));
            }
            speedGroups().forEach((g, st) -> {
                if (st.eligible() > 0) {
                    row(sb, g, st);
                }
            });
            sb.append("bias = median signed error (+ over-, - under-estimate); cases with complete=false are skipped")
                    .append(System.lineSeparator());
            for (CaseResult x : excluded()) {
                if (!x.memoryExcluded().isEmpty()) {
                    sb.append("excluded (memory): ").append(x.id()).append(": ").append(x.memoryExcluded())
                            .append(System.lineSeparator());
                }
                if (!x.speedExcluded().isEmpty() && x.measuredTokensPerSecond() > 0) {
                    sb.append("excluded (speed): ").append(x.id()).append(": ").append(x.speedExcluded())
                            .append(System.lineSeparator());
                }
            }
            for (CaseResult f : failures()) {
                sb.append("failed: ").append(f.id()).append(": ").append(f.error()).append(System.lineSeparator());
            }
            return sb.toString();
        }

        /**
         * One line per case: id, metric, measured, estimated, error (memory); a second line for a case with a
         * measured speed (tokens/s of the whole job).
         */
        public String formatCases() {
            StringBuilder sb = new StringBuilder();
            for (CaseResult c : cases) {
                if (!c.ran()) {
                    continue;
                }
                if (c.measuredGib() > 0 || !c.caseType().isEmpty()) {
                    String measured = c.measuredGib() > 0 ? String.format(Locale.ROOT, "%7.2f", c.measuredGib())
                            : String.format(Locale.ROOT, "%5s%2.0f", c.caseType() + ">", c.capacityGib());
                    String err = c.measuredGib() > 0 ? String.format(Locale.ROOT, "%+6.0f%%", 100 * c.signedError())
                            : (c.verdictRight() ? "  right" : "  WRONG");
                    sb.append(String.format(Locale.ROOT, "%-46s %-13s %s %7.2f %s%s%n", c.id(), c.metric(), measured,
                            c.predictedGib(), err, !c.complete() ? " (not scored)"
                                    : c.memoryExcluded().isEmpty() ? "" : " (excluded)"));
                }
                if (c.measuredTokensPerSecond() > 0) {
                    sb.append(String.format(Locale.ROOT, "%-46s %-13s %9.0f %9.0f %+6.0f%%%s%n", c.id(), "tokens/s",
                            c.measuredTokensPerSecond(), c.predictedTokensPerSecond(), 100 * c.speedError(),
                            !c.complete() ? " (not scored)" : c.speedExcluded().isEmpty() ? "" : " (excluded)"));
                }
            }
            return sb.toString();
        }

        private static void row(StringBuilder sb, String g, GroupStats s) {
            sb.append(String.format(Locale.ROOT, "%-22s%9s  %6s %6s %6s %6s %6s%n", g, s.covered() + "/" + s.eligible(),
                    pct(s.mdape()), pct(s.p90()), pct(s.within10()), pct(s.within25()), pct(s.bias())));
        }

        private static String pct(double x) {
            return Double.isNaN(x) ? "   -" : String.format(Locale.ROOT, "%4.0f%%", 100 * x);
        }
    }
}
