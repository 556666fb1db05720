package org.finetuneplanner.service.report;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

import org.finetuneplanner.core.Note;
import org.finetuneplanner.core.scenario.Identified;

/** The report's words in one language, from {@code report_messages[_vi].properties}. */
public final class ReportText {
    private static final String BUNDLE = "org.finetuneplanner.service.report.report_messages";

    private final ResourceBundle bundle;
    private final Locale locale;

    public ReportText(ReportLanguage language) {
        this.locale = language.locale();
        // No fallback to the JVM's default locale: an English report stays English on a Vietnamese desktop.
        this.bundle = ResourceBundle.getBundle(BUNDLE, language == ReportLanguage.EN ? Locale.ROOT : locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** The text of {@code key} with {@code args} put in (MessageFormat). */
    public String get(String key, Object... args) {
        // Always through MessageFormat, so every pattern follows one quoting rule ('' for an apostrophe).
        return new MessageFormat(bundle.getString(key), locale).format(args);
    }

    /** Whether the bundle has {@code key}. */
    public boolean has(String key) {
        return bundle.containsKey(key);
    }

    /** An enum constant's name: {@code enum.<Type>.<id>} from the bundle, else its English label. */
    public String label(Identified value, String englishLabel) {
        String key = "enum." + value.getClass().getSimpleName() + "." + value.id();
        return has(key) ? get(key) : englishLabel;
    }

    /**
     * A note in this language: {@code note.<code>} with the note's arguments when the bundle has it, else the
     * note's English message (the core's notes carry their numbers already written in).
     */
    public String note(Note note) {
        String key = "note." + note.code();
        if (!has(key)) {
            return note.message();
        }
        try {
            Object[] args = note.args().toArray();
            for (int i = 0; i < args.length; i++) {
                // Words the core puts into its notes ("backward (end)") have their own keys: term.backward_end.
                if (args[i] instanceof String word) {
                    String term = "term." + word.strip().replaceAll("[()]", "").replaceAll("\\s+", "_");
                    if (has(term)) {
                        args[i] = bundle.getString(term);
                    }
                }
            }
            return new MessageFormat(bundle.getString(key), locale).format(args);
        } catch (IllegalArgumentException | MissingResourceException e) {
            return note.message();
        }
    }
}
