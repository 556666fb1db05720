package org.finetuneplanner.service.report.content;

import java.util.ArrayList;
import java.util.List;

import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.plan.PlanOption;
import org.finetuneplanner.core.range.Confidence;
import org.finetuneplanner.core.range.FitStatus;
import org.finetuneplanner.core.scenario.Limits;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.service.report.ReportData;
import org.finetuneplanner.service.report.SensitivityCase;
import org.finetuneplanner.service.report.content.Table.Cell;

/**
 * What if: the recommended configuration with one thing changed, estimated again on the same GPUs, with its fit
 * status. A case that does not fit there shows no time or cost (nothing unfit is priced); the planner's answer on
 * the same GPU model says what would run it instead, with the settings it would change.
 */
final class SensitivitySection {
    private SensitivitySection() {
    }

    /** One row: its name, the estimate on the same GPUs, its status, and what the planner would choose instead. */
    private record Case(String name, Estimate estimate, FitStatus status, String planned) {
        boolean fits() {
            return status.fits();
        }
    }

    static List<Block> blocks(ReportData data, Wording w) {
        Estimate base = data.baseline();
        Confidence confidence = data.accuracy().confidence();
        List<Case> cases = new ArrayList<>();
        cases.add(new Case(w.plain("sensitivity.base"), base, data.baselineRanges().status(), "—"));
        for (SensitivityCase c : data.sensitivity()) {
            cases.add(new Case(name(c, w), c.sameHardware(), confidence.of(c.sameHardware()).status(),
                    c.planned().map(o -> planned(o, w)).orElse("—")));
        }
        Table table = Table.of(cases)
                .column(Text.words(w.plain("sensitivity.change")), 2.1f, c -> Cell.words(c.name()))
                .column(Text.words(w.plain("sensitivity.fits")), 0.85f, c -> w.status(c.status()))
                .figures(Text.words(w.plain("options.memory")), 1.3f, c -> OptionsSection.memory(c.estimate(), w))
                .figures(Text.words(w.plain("options.time")), 0.9f,
                        c -> c.fits() ? w.f().hours(c.estimate().hours()) : "—")
                .figures(Text.words(w.plain("options.cost")), 0.9f, c -> c.fits() ? w.costOnly(c.estimate()) : "—")
                .figures(Text.words(w.plain("sensitivity.delta")), 0.9f,
                        c -> c.fits() ? delta(c.estimate(), base, w) : "—")
                .column(Text.words(w.plain("sensitivity.planner")), 2.3f, c -> Cell.words(c.planned()))
                .highlight(c -> c.estimate() == base)
                .build().withFootnote(w.text("sensitivity.legend"));
        return List.of(Heading.section(w.text("section.sensitivity")),
                Paragraph.intro(w.text("sensitivity.intro", w.configuration(base))), table);
    }

    private static String delta(Estimate e, Estimate base, Wording w) {
        if (e == base || e.cost().isEmpty() || base.cost().isEmpty() || !(base.cost().get().usd() > 0)) {
            return "—";
        }
        double change = e.cost().get().usd() / base.cost().get().usd() - 1;
        // Below half a percent the sign would be noise: "±0%".
        return Math.abs(change) < 0.005 ? "±0%" : (change > 0 ? "+" : "−") + w.f().percent(Math.abs(change));
    }

    /** "2 GPU(s), FSDP full shard, $2.26; micro-batch 8 → 2, accumulation 4 → 16", or that nothing fits. */
    private static String planned(PlanOption o, Wording w) {
        if (!o.fits()) {
            return w.plain("sensitivity.plannerNone", Limits.PLANNER_MAX_GPUS);
        }
        String cost = o.cost().map(c -> w.f().usd(c.usd())).orElse("—");
        String value = w.plain(o.status() == FitStatus.TIGHT ? "sensitivity.plannerTight" : "sensitivity.plannerValue",
                o.gpuCount(), w.sharding(o.estimate().scenario().hardware()), cost);
        return o.adjustments().isEmpty() ? value : w.plain("sensitivity.plannerChanges", value,
                w.adjustments(o.adjustments()));
    }

    private static String name(SensitivityCase c, Wording w) {
        Scenario s = c.scenario();
        return switch (c.kind()) {
            case SEQUENCE_DOUBLED -> w.plain("sensitivity.sequence", w.f().integer(s.training().sequenceLength()));
            case METHOD_FULL -> w.plain("sensitivity.full");
            case METHOD_LORA -> w.plain("sensitivity.lora", s.method().rank());
            case METHOD_QLORA -> w.plain("sensitivity.qlora", s.method().rank());
            case ONE_MORE_GPU -> w.plain("sensitivity.moreGpu", s.hardware().gpuCount());
            case ONE_FEWER_GPU -> w.plain("sensitivity.fewerGpu", s.hardware().gpuCount());
        };
    }
}
