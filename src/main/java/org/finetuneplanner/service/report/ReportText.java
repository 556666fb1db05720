package org.finetuneplanner.service.report;

import org.finetuneplanner.service.text.Words;

/** The report's words in one language: a thin adapter over the text layer ({@link Words}). Not thread-safe. */
public final class ReportText {
    private final Words words;

    public ReportText(ReportLanguage language) {
        this.words = Words.forLocale(language.locale());
    }

    /** The text layer behind the report (notes, terms, numbers). */
    public Words words() {
        return words;
    }

    /** The text of {@code key} with {@code args} put in (MessageFormat). */
    public String get(String key, Object... args) {
        return words.text(key, args);
    }

    /** Whether the text layer has {@code key}. */
    public boolean has(String key) {
        return words.has(key);
    }

    /** An enum constant's name: {@code enum.<SimpleTypeName>.<CONSTANT>}. */
    public String label(Enum<?> value) {
        return words.label(value);
    }
}
