package org.finetuneplanner.service.report.content;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.cost.CostEstimate;
import org.finetuneplanner.core.plan.PlanOption;
import org.finetuneplanner.service.report.ReportData;
import org.finetuneplanner.service.report.content.Table.Cell;

/** Every GPU of the catalog with the planner's answer: fits or not, how many, how long, how much. */
final class OptionsSection {
    private OptionsSection() {
    }

    static List<Block> blocks(ReportData data, Wording w) {
        List<Block> out = new ArrayList<>();
        out.add(Heading.section(w.text("section.options")));
        out.add(Paragraph.intro(w.sellers("options.intro", data.plan().options().size())));
        String recId = data.recommended().map(r -> r.gpu().id()).orElse("");
        List<PlanOption> sorted = new ArrayList<>(data.plan().options());
        sorted.sort(Comparator.comparing((PlanOption o) -> !o.fits())
                .thenComparing(o -> o.estimate().cost().isEmpty())
                .thenComparingDouble(o -> o.estimate().cost().map(CostEstimate::usd).orElse(0.0))
                .thenComparingDouble(o -> o.estimate().hours().orElse(Double.MAX_VALUE)));
        out.add(Table.of(sorted)
                .column(Text.words(w.plain("options.gpu")), 2f, o -> Cell.name(o.gpu().name()))
                .column(Text.words(w.plain("options.fits")), 0.7f,
                        o -> Cell.words(w.plain(o.fits() ? "common.yes" : "common.no")))
                .figures(Text.words(w.plain("options.count")), 0.65f, o -> String.valueOf(o.gpuCount()))
                .column(Text.words(w.plain("options.sharding")), 1.7f,
                        o -> Cell.words(w.shardingShort(o.estimate().scenario().hardware())))
                .figures(Text.words(w.plain("options.memory")), 1.3f, o -> memory(o.estimate(), w))
                .figures(Text.words(w.plain("options.time")), 1f,
                        o -> o.fits() ? w.f().hours(o.estimate().hours()) : "—")
                .figures(Text.words(w.plain("options.cost")), 1f, o -> o.fits() ? w.costOnly(o.estimate()) : "—")
                .column(w.sellers("options.price"), 1.8f, o -> Cell.of(w.priceText(o.estimate())))
                .highlight(o -> o.gpu().id().equals(recId))
                .density(Table.Density.COMPACT)
                .build().withFootnote(w.text("options.legend")));
        List<PlanOption> failing = sorted.stream().filter(o -> !o.fits()).toList();
        if (!failing.isEmpty()) {
            out.add(Heading.sub(w.text("options.whyNot")));
            out.add(new BulletList(failing.stream().map(o -> Text.name(o.gpu().name())
                    .then(": " + w.words().reasons(o.reasons()))).toList(), false));
        }
        List<PlanOption> unpriced = sorted.stream().filter(o -> o.fits() && o.estimate().cost().isEmpty()
                && o.estimate().hours().isPresent()).toList();
        if (!unpriced.isEmpty()) {
            out.add(Heading.sub(w.text("options.noPrice")));
            out.add(new BulletList(unpriced.stream().map(o -> Text.name(o.gpu().name()).then(": ")
                    .then(w.text("options.noPriceDefault", o.gpuCount(), w.sharding(o.estimate().scenario()
                            .hardware())))).toList(), false));
        }
        return out;
    }

    /** "36.9 / 45.0": GiB used of GiB usable per GPU. */
    static String memory(Estimate e, Wording w) {
        return w.f().gibNumber(e.memory().perGpu().totalBytes()) + " / " + w.f().gibNumber(e.memory().capacityBytes());
    }
}
