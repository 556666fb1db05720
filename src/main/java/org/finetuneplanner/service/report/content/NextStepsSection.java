package org.finetuneplanner.service.report.content;

import java.util.ArrayList;
import java.util.List;

import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.plan.PlanOption;
import org.finetuneplanner.core.scenario.Limits;
import org.finetuneplanner.service.report.ReportData;
import org.finetuneplanner.service.report.ReportMeta;

/** What the customer does next: book, try, check the prices, ask. */
final class NextStepsSection {
    private NextStepsSection() {
    }

    static List<Block> blocks(ReportData data, Wording w) {
        List<Text> steps = new ArrayList<>();
        if (data.recommended().isPresent()) {
            PlanOption rec = data.recommended().get();
            Estimate e = rec.estimate();
            if (e.hours().isPresent()) {
                Text config = w.configuration(rec);
                String sharding = w.sharding(e.scenario().hardware());
                String time = SummarySection.hoursWithRange(e, rec.ranges(), w);
                steps.add(Budget.of(rec, data.accuracy().confidence()).map(b -> w.text("steps.book", config,
                        sharding, time, w.f().usd(b.totalUsd()))).orElse(w.text("steps.bookNoCost", config, sharding,
                        time)));
            } else {
                steps.add(w.text("steps.bookNoTime", w.configuration(rec), w.sharding(e.scenario().hardware())));
            }
            if (!rec.adjustments().isEmpty()) {
                steps.add(w.text("steps.settings", w.adjustments(rec.adjustments())));
            }
            steps.add(w.text("steps.trial"));
        } else {
            steps.add(w.text("steps.nothingFits", Limits.PLANNER_MAX_GPUS));
        }
        steps.add(QuoteBlock.step(w, data.meta().date()).orElseGet(() -> w.text("steps.prices",
                w.f().date(data.meta().date()))));
        QuoteBlock.contact(w).ifPresent(steps::add);
        contact(data.meta()).ifPresent(who -> steps.add(w.text("steps.contact", who)));
        return List.of(Heading.section(w.text("section.nextSteps")), new BulletList(steps, true));
    }

    /** Who prepared the report, to ask: "Nguyễn Văn A, Acme GPU Cloud", or empty. */
    static java.util.Optional<Text> contact(ReportMeta meta) {
        List<String> who = new ArrayList<>();
        if (!meta.consultant().isEmpty()) {
            who.add(meta.consultant());
        }
        if (!meta.company().isEmpty()) {
            who.add(meta.company());
        }
        if (who.isEmpty()) {
            return java.util.Optional.empty();
        }
        Text out = Text.EMPTY;
        for (int i = 0; i < who.size(); i++) {
            out = out.then(i == 0 ? Text.EMPTY : Text.words(", ")).then(Wording.userName(who.get(i)));
        }
        return java.util.Optional.of(out);
    }
}
