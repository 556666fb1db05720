package org.finetuneplanner.ui.common;

import javafx.css.PseudoClass;

/** CSS class names and pseudo-classes of {@code app.css}, as constants. */
public final class Styles {
    public static final String INPUTS = "inputs-pane";
    public static final String RESULTS = "results-pane";
    public static final String SECTION_TITLE = "section-title";
    public static final String FIELD_LABEL = "field-label";
    public static final String FIELD_VALUE = "field-value";
    public static final String FIELD_ERROR = "field-error";
    public static final String CARD = "card";
    public static final String RECOMMENDATION = "recommendation";
    public static final String RECOMMENDATION_TEXT = "recommendation-text";
    public static final String STALE_BANNER = "stale-banner";
    public static final String MEMORY_BAR = "memory-bar";
    public static final String MEMORY_SEGMENT = "memory-segment";
    public static final String CAPACITY_LINE = "capacity-line";
    public static final String OVERFLOW = "overflow";
    public static final String RANGE_BAND = "range-band";
    public static final String RANGE_WHISKER = "range-whisker";
    public static final String BAR_CAPTION = "bar-caption";
    public static final String LEGEND_ITEM = "legend-item";
    public static final String EXPLANATION = "explanation";
    public static final String FORMULA = "formula";
    public static final String NOTE_WARNING = "note-warning";
    public static final String NOTE_INFO = "note-info";
    public static final String COST_CHART = "cost-chart";
    public static final String MUTED = "muted";
    public static final String STATUS = "status-bar";

    public static final PseudoClass STALE = PseudoClass.getPseudoClass("stale");
    public static final PseudoClass OVER = PseudoClass.getPseudoClass("over");
    public static final PseudoClass TIGHT = PseudoClass.getPseudoClass("tight");
    public static final PseudoClass NO_FIT = PseudoClass.getPseudoClass("no-fit");
    public static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    public static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");

    private Styles() {
    }

    /** The style class of one memory part, e.g. {@code part-weights}. */
    public static String part(org.finetuneplanner.core.memory.MemoryComponent component) {
        return "part-" + component.id().replace('_', '-');
    }
}
