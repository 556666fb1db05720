package org.finetuneplanner.ui.common;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.finetuneplanner.core.Note;
import org.finetuneplanner.core.cost.Exchange;
import org.finetuneplanner.core.explain.Term;
import org.finetuneplanner.core.plan.PlanReason;
import org.finetuneplanner.service.text.Words;

/**
 * The app's words in one language, and the currency its amounts are shown in: a thin adapter over the text layer
 * ({@link Words}), which holds every text of the product. Every pattern goes through
 * {@link java.text.MessageFormat}, so a literal apostrophe is written {@code ''}. The currency is the price list's
 * in force ({@link #withMoney}), else the US dollar: {@link Formats#of} shows every amount in it, so a change of
 * price list re-words every amount as a change of language does. Call on the FX thread (the formatter it carries is
 * not thread-safe).
 */
public final class Messages {
    /** Languages the app ships, in the order the language menu lists them. */
    public static final List<Locale> LANGUAGES = Words.LANGUAGES;

    private final Words words;
    private final Exchange money;

    private Messages(Words words, Exchange money) {
        this.words = words;
        this.money = money;
    }

    /** The messages for {@code locale}, amounts in US dollars; English for a language without a translation. */
    public static Messages forLocale(Locale locale) {
        return new Messages(Words.forLocale(locale), Exchange.USD);
    }

    /** The same words with amounts shown in {@code exchange}'s currency (the price list's in force). */
    public Messages withMoney(Exchange exchange) {
        return new Messages(words, Objects.requireNonNull(exchange, "exchange"));
    }

    /** The messages of another language, amounts still in this one's currency. */
    public Messages withLocale(Locale locale) {
        return new Messages(Words.forLocale(locale), money);
    }

    /** The currency amounts are shown in, with its rate to the US dollar the core computes in. */
    public Exchange money() {
        return money;
    }

    public Locale locale() {
        return words.locale();
    }

    /** The text layer behind these messages (notes, terms, violations, numbers). */
    public Words words() {
        return words;
    }

    public boolean has(String key) {
        return words.has(key);
    }

    /** The text of {@code key} with the arguments put in; the key itself when it is missing (never throws). */
    public String text(String key, Object... args) {
        return words.text(key, args);
    }

    /** The translated name of an enum constant ({@code enum.Precision.BF16}). */
    public String label(Enum<?> value) {
        return words.label(value);
    }

    /** A note in this language. */
    public String note(Note note) {
        return words.note(note);
    }

    /** The planner's reasons for an option, in this language. */
    public String reasons(List<PlanReason> reasons) {
        return words.reasons(reasons);
    }

    /** An explained term's title, formula, numbers and sources, in this language. */
    public String title(Term term) {
        return words.title(term);
    }

    public String formula(Term term) {
        return words.formula(term);
    }

    public String numbers(Term term) {
        return words.numbers(term);
    }

    public String sources(Term term) {
        return words.sources(term);
    }
}
