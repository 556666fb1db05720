package org.finetuneplanner.service.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.Explanation;
import org.finetuneplanner.core.Note;
import org.finetuneplanner.core.cost.CostEstimate;
import org.finetuneplanner.core.memory.MemoryComponent;
import org.finetuneplanner.core.memory.MemoryEstimate;
import org.finetuneplanner.core.memory.MemoryTerm;
import org.finetuneplanner.core.model.Architecture;
import org.finetuneplanner.core.plan.PlanOption;
import org.finetuneplanner.core.scenario.HardwareSpec;
import org.finetuneplanner.core.scenario.Limits;
import org.finetuneplanner.core.scenario.LoraTarget;
import org.finetuneplanner.core.scenario.MethodSpec;
import org.finetuneplanner.core.scenario.Offload;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.core.scenario.Sharding;
import org.finetuneplanner.core.scenario.TrainingSpec;
import org.finetuneplanner.core.time.ThroughputEstimate;
import org.finetuneplanner.core.time.TimeTerm;
import org.finetuneplanner.service.io.AtomicFiles;
import org.finetuneplanner.service.io.SafeText;
import org.finetuneplanner.service.report.PdfLayout.Column;
import org.finetuneplanner.service.text.Words;

/**
 * The PDF planning report: cover, summary, scenario, memory, options, cost over time, sensitivity, assumptions and
 * method; running header and page numbers; A4 or Letter; English or Vietnamese. Charts are JFreeChart drawn as
 * vectors through PdfBoxGraphics2D, fonts are the shipped DejaVu Sans, embedded as subsets.
 *
 * <p>Immutable and thread-safe: every call builds its own document.
 */
public final class PdfReportExporter implements ReportExporter {
    /** Memory chart: the recommended option and at most this many alternatives. */
    static final int MEMORY_ALTERNATIVES = 5;
    /** Memory table: the recommended option and at most this many alternatives beside it. */
    static final int TABLE_ALTERNATIVES = 3;
    /** Cost chart: at most this many lines, the cheapest options that fit. */
    static final int COST_LINES = 8;

    private final AtomicFiles.Links links;

    /** An exporter that refuses to write over a symbolic link (the command line's {@code --out}). */
    public PdfReportExporter() {
        this(AtomicFiles.Links.REFUSE);
    }

    /**
     * An exporter whose target may be a symbolic link as {@code links} says: the app's Export writes through one
     * ({@link AtomicFiles.Links#FOLLOW}), the command line refuses it.
     */
    public PdfReportExporter(AtomicFiles.Links links) {
        this.links = links;
    }

    /**
     * Loads the fonts, PDFBox, JFreeChart and the graphics bridge once, so the first report a user asks for is as
     * fast as the later ones. Call from a background thread at start-up; safe to call more than once; never
     * throws.
     */
    public static void warmUp() {
        try (PDDocument doc = new PDDocument()) {
            ReportFonts fonts = ReportFonts.load(doc);
            try (PdfLayout layout = new PdfLayout(doc, PaperSize.A4, fonts)) {
                layout.newPage();
                layout.body("Kế hoạch");
                layout.chart(ReportCharts.cost(List.of(new ReportCharts.CostLine("warm-up", List.of(
                        new org.finetuneplanner.core.cost.CostPoint(0, 0),
                        new org.finetuneplanner.core.cost.CostPoint(1, 1)))), "h", "USD", java.util.Locale.US), 100);
                layout.finish();
            }
            doc.save(java.io.OutputStream.nullOutputStream());
        } catch (IOException | RuntimeException e) {
            // Only a speed-up: if it fails, the first real export loads everything itself and reports any error.
        }
    }

    /**
     * Renders the whole report in memory first, so a failure while laying out never touches the disk; then writes
     * it through {@link AtomicFiles} (a temporary file in the same folder, moved into place), so a failure while
     * writing leaves the previous file as it was and no partial file behind.
     */
    @Override
    public void write(ReportData data, Path target) {
        byte[] pdf = render(data);
        try {
            AtomicFiles.write(target, links, out -> out.write(pdf));
        } catch (IOException e) {
            throw new ReportException(e.getMessage(), e);
        }
    }

    /**
     * The report as PDF bytes. Pure computation and layout, no file is touched.
     *
     * @throws ReportException when the logo cannot be read as an image
     */
    public byte[] render(ReportData data) {
        try (PDDocument doc = new PDDocument()) {
            ReportFonts fonts = ReportFonts.load(doc);
            Page page = new Page(data, doc, fonts);
            try (PdfLayout layout = new PdfLayout(doc, data.meta().paper(), fonts)) {
                page.layout = layout;
                page.all();
            }
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle(SafeText.strip(page.text.get("report.title") + " — " + data.title()));
            info.setCreator("Fine-Tune Planner");
            info.setAuthor(SafeText.strip(String.join(", ", nonEmpty(data.meta().consultant(),
                    data.meta().company()))));
            info.setSubject(SafeText.strip(data.title()));
            doc.getDocumentCatalog().setLanguage(data.meta().language().id());
            ByteArrayOutputStream out = new ByteArrayOutputStream(256 * 1024);
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> nonEmpty(String... values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            if (!v.isEmpty()) {
                out.add(v);
            }
        }
        return out;
    }

    /** One report being laid out. */
    private static final class Page {
        private final ReportData data;
        private final PDDocument doc;
        private final ReportFonts fonts;
        private final ReportText text;
        private final ReportFormats f;
        private PdfLayout layout;

        Page(ReportData data, PDDocument doc, ReportFonts fonts) {
            this.data = data;
            this.doc = doc;
            this.fonts = fonts;
            this.text = new ReportText(data.meta().language());
            this.f = new ReportFormats(data.meta().language());
        }

        void all() throws IOException {
            cover();
            layout.newPage();
            summary();
            scenario();
            layout.newPage();
            memory();
            options();
            costOverTime();
            sensitivity();
            method();
            layout.finish();
            decorate();
        }

        // ------------------------------------------------------------ cover

        private void cover() throws IOException {
            layout.newPage();
            float top = layout.pageHeight() - 70;
            float left = layout.left();
            layout.fillRect(0, layout.pageHeight() - 14, layout.width() + 2 * PdfLayout.MARGIN_X, 14,
                    PdfLayout.ACCENT);
            if (data.meta().logo().isPresent()) {
                float logoBottom = ReportLogos.draw(doc, layout.content(), data.meta().logo().get(), left,
                        top - 70, 200, 70);
                top = Math.min(top, logoBottom) - 40;
            } else {
                top -= 40;
            }
            layout.moveTo(top - 60);
            layout.textAt(text.get("report.product"), left, layout.y() + 40, fonts.bold(), 11, PdfLayout.MUTED);
            layout.paragraph(text.get("report.title"), fonts.bold(), 30, PdfLayout.ACCENT);
            layout.gap(10);
            layout.paragraph(data.title(), fonts.regular(), 17, PdfLayout.INK);
            layout.gap(18);
            layout.rule(PdfLayout.ACCENT, 1.5f);
            layout.gap(22);
            List<List<String>> rows = new ArrayList<>();
            if (!data.meta().customer().isEmpty()) {
                rows.add(List.of(text.get("cover.preparedFor"), data.meta().customer()));
            }
            String by = String.join(", ", nonEmpty(data.meta().consultant(), data.meta().company()));
            if (!by.isEmpty()) {
                rows.add(List.of(text.get("cover.preparedBy"), by));
            }
            rows.add(List.of(text.get("cover.date"), f.date(data.meta().date())));
            for (List<String> row : rows) {
                layout.paragraph(row.get(0), fonts.regular(), 10, PdfLayout.MUTED);
                layout.paragraph(row.get(1), fonts.bold(), 13, PdfLayout.INK);
                layout.gap(12);
            }
            layout.moveTo(PdfLayout.MARGIN_BOTTOM + 60);
            layout.paragraph(text.get("cover.disclaimer"), fonts.regular(), 8.5f, PdfLayout.MUTED);
        }

        // ------------------------------------------------------------ summary

        private void summary() throws IOException {
            layout.heading(text.get("section.summary"), 80);
            Estimate base = data.baseline();
            if (data.recommended().isEmpty()) {
                layout.body(text.get("summary.nothingFits", data.plan().options().size(), Limits.PLANNER_MAX_GPUS));
            } else {
                PlanOption rec = data.recommended().get();
                layout.paragraph(text.get("summary.recommendation", rec.gpuCount(), rec.gpu().name(),
                        sharding(base.scenario().hardware())), fonts.bold(), 11.5f, PdfLayout.INK);
                layout.gap(4);
                layout.body(text.get(whyKey(rec)));
            }
            List<List<String>> rows = new ArrayList<>();
            HardwareSpec hw = base.scenario().hardware();
            rows.add(List.of(text.get("summary.gpu"), hw.gpu().name()));
            rows.add(List.of(text.get("summary.count"), hw.nodes() > 1
                    ? text.get("summary.countNodes", hw.gpuCount(), hw.nodes()) : String.valueOf(hw.gpuCount())));
            rows.add(List.of(text.get("summary.sharding"), sharding(hw)));
            rows.add(List.of(text.get("summary.time"), base.hours().isPresent()
                    ? f.duration(base.hours().getAsDouble()) : text.get("common.noTokens")));
            rows.add(List.of(text.get("summary.cost"), costText(base)));
            rows.add(List.of(text.get("summary.memory"), memoryText(base.memory())));
            rows.add(List.of(text.get("summary.speed"), text.get("summary.speedValue",
                    f.integer(base.throughput().tokensPerSecond()), f.percent(endToEndMfu(base)))));
            layout.table(List.of(Column.text("", 1.1f), Column.text("", 3f)), rows, Set.of(), true, 9.5f);
            data.plan().fastest().flatMap(data.plan()::option)
                    .filter(o -> data.recommended().map(r -> !r.gpu().id().equals(o.gpu().id())).orElse(true))
                    .ifPresent(o -> bodyQuiet(text.get("summary.fastest", o.gpuCount(), o.gpu().name(),
                            f.hours(o.estimate().hours()), costOnly(o.estimate()))));
            layout.subheading(text.get("summary.risk"), 30);
            layout.body(risk(base));
            Estimate own = data.estimate();
            layout.subheading(text.get("summary.own"), 30);
            layout.body(text.get(own.fits() ? "summary.ownFits" : "summary.ownDoesNotFit",
                    own.scenario().hardware().gpuCount(), own.scenario().hardware().gpu().name(),
                    sharding(own.scenario().hardware()), f.gib(own.memory().perGpu().totalBytes()),
                    f.gib(own.memory().capacityBytes())));
        }

        private void bodyQuiet(String s) {
            try {
                layout.body(s);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private String whyKey(PlanOption rec) {
            String id = rec.gpu().id();
            boolean cheapest = data.plan().cheapest().map(id::equals).orElse(false);
            boolean fastest = data.plan().fastest().map(id::equals).orElse(false);
            if (cheapest && fastest) {
                return "summary.whyCheapestFastest";
            }
            return cheapest ? "summary.whyCheapest" : fastest ? "summary.whyFastest" : "summary.whyFewest";
        }

        /** The main risk in one sentence, from the most pressing fact of the recommended configuration. */
        private String risk(Estimate base) {
            MemoryEstimate m = base.memory();
            if (!m.fits()) {
                return text.get("risk.doesNotFit", f.gib(m.perGpu().totalBytes()), f.gib(m.capacityBytes()));
            }
            double headroomShare = (double) m.headroomBytes() / m.capacityBytes();
            if (headroomShare < 0.10) {
                return text.get("risk.thinHeadroom", f.gib(m.headroomBytes()), f.percent(headroomShare));
            }
            Optional<Note> warning = base.notes().stream().filter(n -> n.severity() == Note.Severity.WARNING)
                    .findFirst();
            if (warning.isPresent()) {
                return text.get("risk.warning", text.words().note(warning.get()));
            }
            return text.get("risk.mfu", f.percent(endToEndMfu(base)));
        }

        private static double endToEndMfu(Estimate e) {
            return e.throughput().modelFlopsUtilisation(e.scenario().hardware().gpuCount());
        }

        // ------------------------------------------------------------ scenario

        private void scenario() throws IOException {
            layout.heading(text.get("section.scenario"), 120);
            Scenario s = data.scenario();
            Estimate e = data.estimate();
            Architecture a = s.model().architecture();
            MethodSpec m = s.method();
            TrainingSpec t = s.training();
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of(text.get("scenario.model"), s.model().displayName()));
            rows.add(List.of(text.get("scenario.parameters"), text.get("scenario.parametersValue",
                    f.parameters(e.parameters().total()), f.parameters(e.parameters().trainable()))));
            rows.add(List.of(text.get("scenario.architecture"), architecture(a)));
            String method = text.label(m.type());
            if (m.usesAdapters()) {
                method = text.get("scenario.methodAdapters", method, m.rank(), m.alpha(), targets(m),
                        text.label(m.baseWeights()));
            }
            rows.add(List.of(text.get("scenario.method"), method));
            rows.add(List.of(text.get("scenario.precision"), text.get(t.masterWeights()
                    ? "scenario.precisionMaster" : "scenario.precisionPure", text.label(t.precision()))));
            rows.add(List.of(text.get("scenario.optimizer"), text.label(t.optimizer())));
            int gpus = s.hardware().gpuCount();
            rows.add(List.of(text.get("scenario.batch"), text.get("scenario.batchValue", t.microBatchSize(),
                    t.gradientAccumulationSteps(), gpus,
                    (long) t.microBatchSize() * t.gradientAccumulationSteps() * gpus)));
            rows.add(List.of(text.get("scenario.sequence"), text.get("scenario.sequenceValue",
                    f.integer(t.sequenceLength()))));
            rows.add(List.of(text.get("scenario.checkpointing"), text.label(t.checkpointing())));
            rows.add(List.of(text.get("scenario.attention"), text.label(t.attention())
                    + " · " + text.label(t.loss())
                    + " · " + text.label(t.framework())));
            rows.add(List.of(text.get("scenario.dataset"), s.data().tokens().isPresent()
                    ? text.get("scenario.datasetValue", f.integer(s.data().tokens().getAsLong()),
                    f.decimal(s.data().epochs()), f.integer(s.data().totalTokens().getAsDouble()))
                    : text.get("common.noTokens")));
            rows.add(List.of(text.get("scenario.hardware"), text.get("scenario.hardwareValue", gpus,
                    s.hardware().gpu().name(), sharding(s.hardware()))));
            layout.table(List.of(Column.text("", 1.1f), Column.text("", 3f)), rows, Set.of(), true, 9.5f);
        }

        private String architecture(Architecture a) {
            String base = text.get("scenario.architectureValue", a.modelType().isEmpty() ? "—" : a.modelType(),
                    a.numLayers(), f.integer(a.hiddenSize()), a.numHeads(), a.numKvHeads(),
                    f.integer(a.intermediateSize()), f.integer(a.vocabSize()));
            if (a.moe().isMoe()) {
                base += " " + text.get("scenario.moe", a.moe().experts(), a.moe().expertsPerToken());
            }
            if (a.guessed()) {
                base += " " + text.get("scenario.guessed");
            }
            return base;
        }

        private static String targets(MethodSpec m) {
            return m.targets().stream().sorted().map(LoraTarget::id).collect(Collectors.joining(", "));
        }

        // ------------------------------------------------------------ memory

        private List<PlanOption> alternatives(int limit) {
            String recId = data.recommended().map(r -> r.gpu().id()).orElse("");
            Comparator<PlanOption> order = Comparator.comparing((PlanOption o) -> !o.fits())
                    .thenComparingDouble(o -> o.estimate().cost().map(CostEstimate::usd).orElse(Double.MAX_VALUE))
                    .thenComparingDouble(o -> o.estimate().hours().orElse(Double.MAX_VALUE));
            return data.plan().options().stream().filter(o -> !o.gpu().id().equals(recId)).sorted(order)
                    .limit(limit).toList();
        }

        private void memory() throws IOException {
            layout.heading(text.get("section.memory"), 330);
            Estimate base = data.baseline();
            layout.body(text.get("memory.intro", data.recommended().isPresent()
                    ? label(data.recommended().get()) : text.get("memory.yourConfiguration")));
            List<ReportCharts.MemoryBar> bars = new ArrayList<>();
            List<Estimate> shown = new ArrayList<>();
            bars.add(new ReportCharts.MemoryBar(barLabel(base), base.memory().perGpu(),
                    base.memory().capacityBytes()));
            shown.add(base);
            for (PlanOption o : alternatives(MEMORY_ALTERNATIVES)) {
                bars.add(new ReportCharts.MemoryBar(barLabel(o.estimate()), o.estimate().memory().perGpu(),
                        o.estimate().memory().capacityBytes()));
                shown.add(o.estimate());
            }
            List<String> names = new ArrayList<>();
            for (MemoryComponent c : MemoryComponent.values()) {
                names.add(componentName(c));
            }
            layout.chart(ReportCharts.memory(bars, names, text.get("memory.free"), text.get("memory.axis"),
                    data.meta().language().locale()),
                    70 + 34 * bars.size());
            layout.subheading(text.get("memory.tableTitle"), 120);
            List<Estimate> columns = shown.subList(0, Math.min(shown.size(), 1 + TABLE_ALTERNATIVES));
            List<Column> cols = new ArrayList<>();
            cols.add(Column.text(text.get("memory.part"), 1.6f));
            for (int i = 0; i < columns.size(); i++) {
                cols.add(Column.number(barLabel(columns.get(i)) + (i == 0 && data.recommended().isPresent()
                        ? " ★" : ""), 1f));
            }
            List<List<String>> rows = new ArrayList<>();
            for (MemoryComponent c : MemoryComponent.values()) {
                List<String> row = new ArrayList<>();
                row.add(componentName(c));
                columns.forEach(e -> row.add(f.gibNumber(e.memory().perGpu().bytes(c))));
                rows.add(row);
            }
            rows.add(memoryRow("memory.peakAllocated", columns, e -> f.gibNumber(
                    e.memory().perGpu().peakAllocatedBytes())));
            rows.add(memoryRow("memory.peakReserved", columns, e -> f.gibNumber(
                    e.memory().perGpu().peakReservedBytes())));
            rows.add(memoryRow("memory.total", columns, e -> f.gibNumber(e.memory().perGpu().totalBytes())));
            rows.add(memoryRow("memory.capacity", columns, e -> f.gibNumber(e.memory().capacityBytes())));
            rows.add(memoryRow("memory.headroom", columns, e -> f.gibNumber(e.memory().headroomBytes())));
            int total = MemoryComponent.values().length + 2;
            layout.table(cols, rows, Set.of(total), false, 8.5f);
            layout.paragraph(text.get("memory.unitNote"), fonts.regular(), 8, PdfLayout.MUTED);
            layout.gap(4);
            if (base.memory().hostBytes() > 0) {
                layout.body(text.get("memory.host", f.gib(base.memory().hostBytes())));
            }
        }

        private List<String> memoryRow(String key, List<Estimate> columns,
                                       java.util.function.Function<Estimate, String> value) {
            List<String> row = new ArrayList<>();
            row.add(text.get(key));
            columns.forEach(e -> row.add(value.apply(e)));
            return row;
        }

        private String componentName(MemoryComponent c) {
            return text.label(c);
        }

        // ------------------------------------------------------------ options

        private void options() throws IOException {
            layout.heading(text.get("section.options"), 120);
            layout.body(text.get("options.intro", data.plan().options().size()));
            String recId = data.recommended().map(r -> r.gpu().id()).orElse("");
            List<PlanOption> sorted = new ArrayList<>(data.plan().options());
            sorted.sort(Comparator.comparing((PlanOption o) -> !o.fits())
                    .thenComparing(o -> o.estimate().cost().isEmpty())
                    .thenComparingDouble(o -> o.estimate().cost().map(CostEstimate::usd).orElse(0.0))
                    .thenComparingDouble(o -> o.estimate().hours().orElse(Double.MAX_VALUE)));
            List<Column> cols = List.of(Column.text(text.get("options.gpu"), 2.1f),
                    Column.text(text.get("options.fits"), 0.8f), Column.number(text.get("options.count"), 0.75f),
                    Column.text(text.get("options.sharding"), 1.3f),
                    Column.number(text.get("options.memory"), 1.3f), Column.number(text.get("options.time"), 1f),
                    Column.number(text.get("options.cost"), 1f), Column.text(text.get("options.price"), 2f));
            List<List<String>> rows = new ArrayList<>();
            Set<Integer> highlight = new LinkedHashSet<>();
            for (PlanOption o : sorted) {
                Estimate e = o.estimate();
                if (o.gpu().id().equals(recId)) {
                    highlight.add(rows.size());
                }
                rows.add(List.of(o.gpu().name(), text.get(o.fits() ? "common.yes" : "common.no"),
                        String.valueOf(o.gpuCount()), shardingShort(e.scenario().hardware()),
                        f.gibNumber(e.memory().perGpu().totalBytes()) + " / "
                                + f.gibNumber(e.memory().capacityBytes()),
                        o.fits() ? f.hours(e.hours()) : "—", o.fits() ? costOnly(e) : "—", priceText(e)));
            }
            layout.table(cols, rows, highlight, false, 7.8f);
            layout.paragraph(text.get("options.legend"), fonts.regular(), 8, PdfLayout.MUTED);
            layout.gap(6);
            List<PlanOption> failing = sorted.stream().filter(o -> !o.fits()).toList();
            if (!failing.isEmpty()) {
                layout.subheading(text.get("options.whyNot"), 30);
                for (PlanOption o : failing) {
                    layout.bullet(o.gpu().name() + ": " + text.words().reasons(o.reasons()));
                }
            }
            List<PlanOption> unpriced = sorted.stream().filter(o -> o.fits() && o.estimate().cost().isEmpty()
                    && o.estimate().hours().isPresent()).toList();
            if (!unpriced.isEmpty()) {
                layout.subheading(text.get("options.noPrice"), 30);
                for (PlanOption o : unpriced) {
                    layout.bullet(o.gpu().name() + ": " + text.get("options.noPriceDefault", o.gpuCount(),
                            sharding(o.estimate().scenario().hardware())));
                }
            }
        }

        // ------------------------------------------------------------ cost over time

        private void costOverTime() throws IOException {
            layout.heading(text.get("section.cost"), 360);
            List<PlanOption> priced = data.plan().options().stream()
                    .filter(o -> o.fits() && o.estimate().cost().isPresent())
                    .sorted(Comparator.comparingDouble(o -> o.estimate().cost().get().usd())).toList();
            if (priced.isEmpty()) {
                boolean noTokens = data.scenario().data().tokens().isEmpty();
                layout.body(text.get(noTokens ? "cost.noTokens" : "cost.none"));
                return;
            }
            List<PlanOption> lines = priced.stream().limit(COST_LINES).toList();
            layout.body(lines.size() < priced.size() ? text.get("cost.introSome", lines.size(), priced.size())
                    : text.get("cost.introAll"));
            List<ReportCharts.CostLine> chartLines = lines.stream()
                    .map(o -> new ReportCharts.CostLine(label(o), o.estimate().cost().get().series())).toList();
            layout.chart(ReportCharts.cost(chartLines, text.get("cost.axisHours"), text.get("cost.axisUsd"),
                    data.meta().language().locale()), 300);
            List<Column> cols = List.of(Column.text(text.get("options.gpu"), 2.2f),
                    Column.number(text.get("options.time"), 0.9f),
                    Column.number(text.get("cost.perGpuHour"), 1.75f), Column.number(text.get("cost.gpuUsd"), 1f),
                    Column.number(text.get("cost.storageUsd"), 0.85f), Column.number(text.get("options.cost"), 1f));
            List<List<String>> rows = new ArrayList<>();
            Set<Integer> highlight = new LinkedHashSet<>();
            String recId = data.recommended().map(r -> r.gpu().id()).orElse("");
            for (PlanOption o : lines) {
                CostEstimate c = o.estimate().cost().get();
                if (o.gpu().id().equals(recId)) {
                    highlight.add(rows.size());
                }
                rows.add(List.of(label(o), f.hours(o.estimate().hours()), f.usdPerGpuHour(c.usdPerGpuHour()),
                        f.usd(c.gpuUsd()), f.usd(c.storageUsd()), f.usd(c.usd())));
            }
            layout.table(cols, rows, highlight, false, 8.5f);
        }

        // ------------------------------------------------------------ sensitivity

        private void sensitivity() throws IOException {
            layout.heading(text.get("section.sensitivity"), 160);
            Estimate base = data.baseline();
            layout.body(text.get("sensitivity.intro", label(base)));
            List<Column> cols = List.of(Column.text(text.get("sensitivity.change"), 2.2f),
                    Column.text(text.get("sensitivity.fits"), 0.8f),
                    Column.number(text.get("options.memory"), 1.3f), Column.number(text.get("options.time"), 1f),
                    Column.number(text.get("options.cost"), 1f), Column.number(text.get("sensitivity.delta"), 1f),
                    Column.text(text.get("sensitivity.planner"), 2f));
            List<List<String>> rows = new ArrayList<>();
            rows.add(sensitivityRow(text.get("sensitivity.base"), base, base, "—"));
            for (SensitivityCase c : data.sensitivity()) {
                String planned = c.planned().map(this::plannerText).orElse("—");
                rows.add(sensitivityRow(caseName(c), c.sameHardware(), base, planned));
            }
            layout.table(cols, rows, Set.of(0), false, 8f);
            layout.paragraph(text.get("sensitivity.legend"), fonts.regular(), 8, PdfLayout.MUTED);
            layout.gap(6);
        }

        private List<String> sensitivityRow(String name, Estimate e, Estimate base, String planned) {
            String delta = "—";
            if (e != base && e.cost().isPresent() && base.cost().isPresent() && base.cost().get().usd() > 0) {
                double change = e.cost().get().usd() / base.cost().get().usd() - 1;
                // Below half a percent the sign would be noise: "±0%".
                delta = Math.abs(change) < 0.005 ? "±0%" : (change > 0 ? "+" : "−") + f.percent(Math.abs(change));
            }
            return List.of(name, text.get(e.fits() ? "common.yes" : "common.no"),
                    f.gibNumber(e.memory().perGpu().totalBytes()) + " / " + f.gibNumber(e.memory().capacityBytes()),
                    f.hours(e.hours()), costOnly(e), delta, planned);
        }

        private String plannerText(PlanOption o) {
            if (!o.fits()) {
                return text.get("sensitivity.plannerNone", Limits.PLANNER_MAX_GPUS);
            }
            return text.get("sensitivity.plannerValue", o.gpuCount(), sharding(o.estimate().scenario().hardware()),
                    costOnly(o.estimate()));
        }

        private String caseName(SensitivityCase c) {
            Scenario s = c.scenario();
            return switch (c.kind()) {
                case SEQUENCE_DOUBLED -> text.get("sensitivity.sequence", f.integer(s.training().sequenceLength()));
                case METHOD_FULL -> text.get("sensitivity.full");
                case METHOD_LORA -> text.get("sensitivity.lora", s.method().rank());
                case METHOD_QLORA -> text.get("sensitivity.qlora", s.method().rank());
                case ONE_MORE_GPU -> text.get("sensitivity.moreGpu", s.hardware().gpuCount());
                case ONE_FEWER_GPU -> text.get("sensitivity.fewerGpu", s.hardware().gpuCount());
            };
        }

        // ------------------------------------------------------------ method

        private void method() throws IOException {
            layout.heading(text.get("section.assumptions"), 120);
            Estimate base = data.baseline();
            layout.subheading(text.get("method.memoryTitle"), 60);
            layout.body(text.get("method.memoryIntro", label(base)));
            List<Column> cols = List.of(Column.text(text.get("method.term"), 1.6f),
                    Column.text(text.get("method.formula"), 1.6f), Column.text(text.get("method.inputs"), 1.9f),
                    Column.number("GiB", 0.6f), Column.text(text.get("method.source"), 1.9f));
            List<List<String>> rows = new ArrayList<>();
            Words w = text.words();
            Explanation why = data.explanation();
            for (MemoryTerm term : why.memory()) {
                rows.add(List.of(componentName(term.component()) + ": " + w.title(term.term()),
                        w.formula(term.term()), w.numbers(term.term()), f.gibNumber(term.bytes()),
                        w.sources(term.term())));
            }
            if (rows.isEmpty()) {
                layout.body(text.get("method.noTerms"));
            } else {
                layout.table(cols, rows, Set.of(), false, 7.2f);
            }

            layout.subheading(text.get("method.timeTitle"), 80);
            ThroughputEstimate tp = base.throughput();
            layout.body(text.get("method.timeFormula"));
            List<List<String>> time = new ArrayList<>();
            time.add(List.of(text.get("method.flopsPerToken"), f.scientific(tp.flopsPerToken())));
            time.add(List.of(text.get("method.peak"), text.get("method.peakValue", f.decimal(tp.peakTflops()),
                    text.label(base.scenario().training().precision()))));
            String sources = w.sources(why.utilisation());
            time.add(List.of(text.get("method.mfu"), f.percent(tp.mfu()) + " — " + w.formula(why.utilisation())
                    + (sources.isEmpty() ? "" : " — " + sources)));
            time.add(List.of(text.get("method.throughput"), text.get("method.throughputValue",
                    f.integer(tp.tokensPerSecond()), f.decimal(tp.stepSeconds()), f.decimal(tp.commSecondsPerStep()))));
            base.scenario().data().totalTokens().ifPresent(tokens -> time.add(List.of(text.get("method.tokens"),
                    f.integer(tokens))));
            time.add(List.of(text.get("summary.time"), f.hours(base.hours())));
            layout.table(List.of(Column.text("", 1.3f), Column.text("", 3f)), time, Set.of(), true, 8.5f);
            if (!why.time().isEmpty()) {
                layout.paragraph(text.get("method.timeTerms"), fonts.regular(), 9.5f, PdfLayout.INK);
                layout.gap(4);
                List<List<String>> terms = new ArrayList<>();
                for (TimeTerm term : why.time()) {
                    terms.add(List.of(w.title(term.term()), w.formula(term.term()), w.numbers(term.term()),
                            f.seconds(term.secondsPerStep()), w.sources(term.term())));
                }
                layout.table(List.of(Column.text(text.get("method.timeTerm"), 1.6f),
                        Column.text(text.get("method.formula"), 1.6f), Column.text(text.get("method.inputs"), 1.9f),
                        Column.number(text.get("method.secondsPerStep"), 0.7f),
                        Column.text(text.get("method.source"), 1.9f)), terms, Set.of(), false, 7.2f);
            }

            layout.subheading(text.get("method.priceTitle"), 60);
            layout.body(text.get("method.priceIntro"));
            List<List<String>> prices = new ArrayList<>();
            for (PlanOption o : data.plan().options()) {
                o.estimate().cost().ifPresent(c -> prices.add(List.of(o.gpu().name(),
                        c.provider().isEmpty() ? text.get("method.userPrice") : c.provider(),
                        f.usdPerGpuHour(c.usdPerGpuHour()), c.priceSeen(), c.priceSource())));
            }
            if (!prices.isEmpty()) {
                layout.table(List.of(Column.text(text.get("options.gpu"), 1.8f),
                        Column.text(text.get("method.provider"), 1.2f),
                        Column.number(text.get("cost.perGpuHour"), 1.45f),
                        Column.text(text.get("method.seen"), 0.9f),
                        Column.text(text.get("method.source"), 2.6f)), prices, Set.of(), false, 7.2f);
            }

            List<Note> notes = base.notes();
            if (!notes.isEmpty()) {
                layout.subheading(text.get("method.notesTitle"), 30);
                for (Note n : notes) {
                    layout.bullet((n.severity() == Note.Severity.WARNING ? "⚠ " : "") + text.words().note(n));
                }
            }

            layout.subheading(text.get("method.accuracyTitle"), 60);
            ReportAccuracy acc = data.accuracy();
            if (acc.rows().isEmpty()) {
                layout.body(text.get("method.accuracyNone"));
            } else {
                layout.body(text.get("method.accuracyIntro", acc.runs()));
                List<List<String>> arows = new ArrayList<>();
                for (ReportAccuracy.Row r : acc.rows()) {
                    arows.add(List.of(text.get("method.quantity." + r.quantity().name().toLowerCase(
                                    java.util.Locale.ROOT)), String.valueOf(r.cases()),
                            f.percentValue(r.medianAbsPercentError()), f.percentValue(r.p90AbsPercentError()),
                            "≤ " + f.percentValue(r.targetPercent())));
                }
                layout.table(List.of(Column.text(text.get("method.quantity"), 2f),
                        Column.number(text.get("method.cases"), 0.8f), Column.number(text.get("method.median"), 1.2f),
                        Column.number(text.get("method.p90"), 1.2f), Column.number(text.get("method.target"), 1f)),
                        arows, Set.of(), false, 8.5f);
                if (acc.oomCases() > 0) {
                    layout.body(text.get("method.oomVerdicts", acc.oomRight(), acc.oomCases()));
                }
            }
            layout.gap(8);
            layout.paragraph(text.get("method.closing"), fonts.regular(), 8.5f, PdfLayout.MUTED);
        }

        // ------------------------------------------------------------ header and footer

        private void decorate() throws IOException {
            List<PDPage> pages = layout.pages();
            String left = text.get("report.product") + " · " + data.title();
            String right = data.meta().customer().isEmpty() ? f.date(data.meta().date())
                    : text.get("header.for", data.meta().customer());
            float width = layout.width();
            for (int i = 0; i < pages.size(); i++) {
                PDPageContentStream cs = layout.append(pages.get(i));
                float top = layout.pageHeight() - 36;
                String footer = text.get("footer.page", i + 1, pages.size());
                float fw = layout.textWidth(footer, fonts.regular(), 8);
                layout.textAt(footer, layout.left() + width - fw, 30, fonts.regular(), 8, PdfLayout.MUTED);
                if (i == 0) {
                    continue;
                }
                // Each side gets at most its share: a long customer name is shortened, never pushed off the page.
                String rightFitted = fit(right, width * 0.45f);
                float rw = layout.textWidth(rightFitted, fonts.regular(), 8);
                String leftFitted = fit(left, width - rw - 24);
                layout.textAt(leftFitted, layout.left(), top, fonts.regular(), 8, PdfLayout.MUTED);
                layout.textAt(rightFitted, layout.left() + width - rw, top, fonts.regular(), 8, PdfLayout.MUTED);
                cs.setStrokingColor(PdfLayout.RULE);
                cs.setLineWidth(0.6f);
                cs.moveTo(layout.left(), top - 6);
                cs.lineTo(layout.left() + width, top - 6);
                cs.moveTo(layout.left(), 44);
                cs.lineTo(layout.left() + width, 44);
                cs.stroke();
                layout.textAt(f.date(data.meta().date()), layout.left(), 30, fonts.regular(), 8, PdfLayout.MUTED);
            }
            layout.finish();
        }

        /** Shortens {@code s} with an ellipsis to fit {@code width} points at 8 pt. */
        private String fit(String s, float width) throws IOException {
            if (layout.textWidth(s, fonts.regular(), 8) <= width) {
                return s;
            }
            String cut = s;
            while (cut.length() > 1 && layout.textWidth(cut + "…", fonts.regular(), 8) > width) {
                cut = cut.substring(0, cut.length() - 1);
            }
            return cut + "…";
        }

        // ------------------------------------------------------------ shared wording

        private String sharding(HardwareSpec hw) {
            String s = hw.sharding() != Sharding.NONE ? text.label(hw.sharding())
                    : text.get(hw.gpuCount() == 1 ? "common.singleGpu" : "common.ddp");
            if (hw.offload() != Offload.NONE) {
                s += " + " + text.get("common.offload", text.label(hw.offload()));
            }
            return s;
        }

        /** For narrow table cells: "—" for one GPU without sharding, since the count column says it already. */
        private String shardingShort(HardwareSpec hw) {
            if (hw.sharding() == Sharding.NONE && hw.gpuCount() == 1 && hw.offload() == Offload.NONE) {
                return "—";
            }
            String sh = hw.sharding() != Sharding.NONE ? text.label(hw.sharding())
                    : text.get(hw.gpuCount() == 1 ? "common.singleGpu" : "common.ddp");
            return hw.offload() == Offload.NONE ? sh : sh + " + " + text.get("common.offloadShort");
        }

        private String label(PlanOption o) {
            return o.gpuCount() + " × " + o.gpu().name();
        }

        private String label(Estimate e) {
            return e.scenario().hardware().gpuCount() + " × " + e.scenario().hardware().gpu().name();
        }

        private String barLabel(Estimate e) {
            return label(e);
        }

        private String costOnly(Estimate e) {
            return e.cost().map(c -> f.usd(c.usd())).orElse("—");
        }

        private String costText(Estimate e) {
            if (e.cost().isEmpty()) {
                return text.get(e.hours().isPresent() ? "common.noPrice" : "common.noTokens");
            }
            CostEstimate c = e.cost().get();
            return text.get("summary.costValue", f.usd(c.usd()), f.usdPerGpuHour(c.usdPerGpuHour()),
                    c.provider().isEmpty() ? text.get("method.userPrice") : c.provider(),
                    c.priceSeen().isEmpty() ? "—" : c.priceSeen());
        }

        private String priceText(Estimate e) {
            return e.cost().map(c -> (c.provider().isEmpty() ? text.get("method.userPrice") : c.provider())
                    + (c.priceSeen().isEmpty() ? "" : " · " + c.priceSeen())).orElse(text.get("options.unpriced"));
        }

        private String memoryText(MemoryEstimate m) {
            double share = (double) m.headroomBytes() / m.capacityBytes();
            return text.get(m.fits() ? "summary.memoryFits" : "summary.memoryDoesNotFit",
                    f.gib(m.perGpu().totalBytes()), f.gib(m.capacityBytes()), f.gib(Math.abs(m.headroomBytes())),
                    f.percent(Math.abs(share)));
        }
    }

    /** Logos on the cover. */
    static final class ReportLogos {
        private ReportLogos() {
        }

        /**
         * Draws {@code logo} scaled to fit {@code maxW × maxH} with its top-left at ({@code x}, {@code top} +
         * maxH); returns the bottom of the drawn logo.
         */
        static float draw(PDDocument doc, PDPageContentStream cs, ReportLogo logo, float x, float bottom,
                          float maxW, float maxH) throws IOException {
            if (logo.kind() == ReportLogo.Kind.SVG) {
                return SvgLogoPainter.draw(doc, cs, logo, x, bottom, maxW, maxH);
            }
            PDImageXObject image;
            try {
                image = PDImageXObject.createFromByteArray(doc, logo.bytes(), logo.name());
            } catch (IOException | IllegalArgumentException e) {
                throw new ReportException("Logo " + logo.name() + " cannot be read as an image: " + e.getMessage(),
                        e);
            }
            float scale = Math.min(maxW / image.getWidth(), maxH / image.getHeight());
            float w = image.getWidth() * scale;
            float h = image.getHeight() * scale;
            float drawBottom = bottom + maxH - h;
            cs.drawImage(image, x, drawBottom, w, h);
            return drawBottom;
        }
    }
}
