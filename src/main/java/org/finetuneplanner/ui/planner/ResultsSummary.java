package org.finetuneplanner.ui.planner;

import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

import org.finetuneplanner.core.scenario.DataSpec;
import org.finetuneplanner.core.scenario.FineTuneMethod;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.core.scenario.TrainingSpec;
import org.finetuneplanner.ui.common.Formats;
import org.finetuneplanner.ui.common.Messages;
import org.finetuneplanner.ui.planner.Outcome.Computed;

/**
 * The results as plain text for the clipboard (an e-mail, a chat, a ticket): the job, the user's setup with its
 * range and status, the recommendation with its changes, the advice for the user's GPU, the caveats, and where the
 * ranges come from. Pure.
 */
final class ResultsSummary {
    private final Messages m;
    private final ResultSentences s;
    private final Formats f;

    ResultsSummary(Messages m, ResultSentences s) {
        this.m = m;
        this.s = s;
        this.f = Formats.of(m);
    }

    String text(Computed c, Advice advice, Optional<Advice> own, String caption) {
        Scenario sc = c.scenario();
        StringJoiner out = new StringJoiner("\n");
        out.add(m.text("copy.title", sc.name().isBlank() ? sc.model().displayName() : sc.name()));
        out.add(m.text("copy.job", job(sc)));
        out.add(m.text("copy.setup", caption));
        out.add(m.text("copy.speed", s.summary(c.estimate(), c.facts().ranges())));
        out.add("");
        out.add(m.text("copy.recommendation", advice.text()));
        addIf(out, advice.changes());
        addIf(out, advice.note());
        own.ifPresent(a -> {
            out.add(a.text());
            addIf(out, a.changes());
            addIf(out, a.note());
        });
        List<String> caveats = s.caveats(c.facts().caveats());
        if (!caveats.isEmpty()) {
            out.add("");
            out.add(m.text("copy.caveats"));
            caveats.forEach(line -> out.add("- " + line));
        }
        out.add("");
        out.add(m.text("copy.ranges"));
        return out.toString();
    }

    /** "Llama 3.1 8B · QLoRA r16 · BF16 · micro-batch 4 × 4 accumulation · 2,048 tokens · 50.0 M tokens × 3". */
    private String job(Scenario sc) {
        TrainingSpec t = sc.training();
        String method = sc.method().type() == FineTuneMethod.FULL ? m.label(sc.method().type())
                : m.text("copy.method.adapters", m.label(sc.method().type()), f.count(sc.method().rank()));
        DataSpec d = sc.data();
        String data = d.tokens().isPresent() ? m.text("copy.data", f.shortCount(d.tokens().getAsLong()),
                f.number(d.epochs())) : m.text("inputs.tokens.none");
        return m.text("copy.jobLine", sc.model().displayName(), method, m.label(t.precision()),
                f.count(t.microBatchSize()), f.count(t.gradientAccumulationSteps()), f.count(t.sequenceLength()),
                data);
    }

    private static void addIf(StringJoiner out, String line) {
        if (!line.isEmpty()) {
            out.add(line);
        }
    }
}
