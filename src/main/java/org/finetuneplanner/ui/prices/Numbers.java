package org.finetuneplanner.ui.prices;

import java.math.BigDecimal;
import java.util.Locale;

import org.finetuneplanner.service.text.TypedNumber;

/**
 * The editor's typed numbers as the file holds them, read in the interface's language ({@link TypedNumber}): a
 * whole number as a long, another as a double, text that is no number as it is (the check names it with its key),
 * blank as nothing, and a number that may be read two ways refused with its key ({@link AmbiguousNumber}).
 */
final class Numbers {
    private final Locale locale;

    Numbers(Locale locale) {
        this.locale = locale;
    }

    /**
     * @param key the file's key of the field, "offers[1].price_per_gpu_hour"
     * @throws AmbiguousNumber when {@code text} may be read two ways in this language
     */
    Object read(String key, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        TypedNumber typed = TypedNumber.read(text, locale);
        if (typed.isAmbiguous()) {
            throw new AmbiguousNumber(key, typed);
        }
        if (!typed.isNumber()) {
            return text.strip();
        }
        BigDecimal v = typed.value();
        double d = v.doubleValue();
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) v.longValue() : (Object) d;
    }

    /** A typed number that may be read two ways, with the key of its field. */
    static final class AmbiguousNumber extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        private final String key;
        private final transient TypedNumber typed;

        AmbiguousNumber(String key, TypedNumber typed) {
            super(key + ": \"" + typed.text() + "\" may be read as " + typed.readings());
            this.key = key;
            this.typed = typed;
        }

        String key() {
            return key;
        }

        TypedNumber typed() {
            return typed;
        }
    }
}
