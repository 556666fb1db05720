package org.finetuneplanner.service.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The languages a report can be written in. */
public enum ReportLanguage {
    EN("en", Locale.US),
    VI("vi", Locale.forLanguageTag("vi-VN"));

    private final String id;
    private final Locale locale;

    ReportLanguage(String id, Locale locale) {
        this.id = id;
        this.locale = locale;
    }

    /** The spelling on the command line ({@code en}, {@code vi}). */
    public String id() {
        return id;
    }

    /** The locale for numbers and the resource bundle. */
    public Locale locale() {
        return locale;
    }

    /** The language spelt {@code id} (case-insensitive), or empty. */
    public static Optional<ReportLanguage> fromId(String id) {
        return Arrays.stream(values()).filter(l -> l.id.equalsIgnoreCase(id == null ? "" : id.strip())).findFirst();
    }
}
