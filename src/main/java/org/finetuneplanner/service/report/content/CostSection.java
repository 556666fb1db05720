package org.finetuneplanner.service.report.content;

import java.util.ArrayList;
import java.util.List;

import org.finetuneplanner.core.plan.PlanOption;
import org.finetuneplanner.service.report.ReportData;
import org.finetuneplanner.service.report.content.Table.Cell;

/** Cost over time: the cumulative cost of the cheapest options that fit, as lines and as a table. */
final class CostSection {
    /** At most this many lines: the cheapest options that fit. */
    static final int LINES = 8;

    private CostSection() {
    }

    static List<Block> blocks(ReportData data, Wording w) {
        List<Block> out = new ArrayList<>();
        out.add(Heading.section(w.text("section.cost")));
        List<PlanOption> priced = data.plan().options().stream()
                .filter(o -> o.fits() && o.estimate().cost().isPresent())
                .sorted(OptionsSection.ORDER).toList();
        if (priced.isEmpty()) {
            boolean noTokens = data.scenario().data().tokens().isEmpty();
            out.add(Paragraph.body(w.text(noTokens ? "cost.noTokens" : "cost.none")));
            return out;
        }
        List<PlanOption> lines = priced.stream().limit(LINES).toList();
        out.add(Paragraph.intro(lines.size() < priced.size() ? w.text("cost.introSome", lines.size(), priced.size())
                : w.text("cost.introAll")));
        out.add(new Chart.Lines(lines.stream().map(o -> new Chart.Line(w.configuration(o),
                o.estimate().cost().get().series())).toList(), Text.words(w.plain("cost.axisHours")),
                Text.words(w.plain("cost.axisUsd", w.f().currencyCode()))));
        String recId = data.recommended().map(r -> r.gpu().id()).orElse("");
        out.add(Table.of(lines)
                .column(Text.words(w.plain("options.gpu")), 2.0f, o -> Cell.of(w.configuration(o)))
                .figures(Text.words(w.plain("options.time")), 0.8f, o -> w.f().hours(o.estimate().hours()))
                .figures(Text.words(w.plain("cost.perGpuHour")), 1.75f,
                        o -> w.f().usdPerGpuHour(o.estimate().cost().get().usdPerGpuHour()))
                .figures(Text.words(w.plain("cost.gpuUsd")), 1f, o -> w.f().usd(o.estimate().cost().get().gpuUsd()))
                .figures(Text.words(w.plain("cost.storageUsd")), 0.85f,
                        o -> w.f().usd(o.estimate().cost().get().storageUsd()))
                .figures(Text.words(w.plain("options.cost")), 0.85f, o -> w.f().usd(o.estimate().cost().get().usd()))
                .figures(Text.words(w.plain("cost.range")), 1.35f, o -> o.ranges().usd()
                        .filter(SummarySection::wide).map(w.f()::usdRange).orElse("—"))
                .highlight(o -> o.gpu().id().equals(recId))
                .build());
        return out;
    }
}
