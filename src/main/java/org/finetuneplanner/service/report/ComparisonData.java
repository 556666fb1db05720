package org.finetuneplanner.service.report;

import java.util.List;
import java.util.Objects;

/**
 * Everything a comparison report shows, computed before any page is laid out: two to four scenarios' own report
 * data, in the order given (A, B, C, D), under one set of names, date, language and paper. Immutable; can be handed
 * to a background thread.
 *
 * @param meta      names, logo, date, language and paper of the whole document ({@code title}: "" names the
 *                  scenarios on the cover)
 * @param scenarios each scenario's report data, with {@code meta}'s language, in the order compared
 */
public record ComparisonData(ReportMeta meta, List<ReportData> scenarios) {
    /** The fewest scenarios a comparison holds. */
    public static final int MIN_SCENARIOS = 2;
    /** The most scenarios a comparison holds: four columns still fit a page's width. */
    public static final int MAX_SCENARIOS = 4;

    public ComparisonData {
        Objects.requireNonNull(meta, "meta");
        scenarios = List.copyOf(scenarios);
        if (scenarios.size() < MIN_SCENARIOS || scenarios.size() > MAX_SCENARIOS) {
            throw new IllegalArgumentException("a comparison holds " + MIN_SCENARIOS + " to " + MAX_SCENARIOS
                    + " scenarios, not " + scenarios.size());
        }
        for (ReportData d : scenarios) {
            if (d.meta().language() != meta.language()) {
                throw new IllegalArgumentException("every scenario of a comparison is in its language");
            }
        }
    }

    /** The same comparison with other names, logo, date, language or paper, for the whole and each scenario. */
    public ComparisonData withMeta(ReportMeta value) {
        return new ComparisonData(value, scenarios.stream().map(d -> d.withMeta(value.withTitle(""))).toList());
    }
}
