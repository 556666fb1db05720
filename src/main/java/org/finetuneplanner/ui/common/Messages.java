package org.finetuneplanner.ui.common;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The user-visible text of one language, from {@code i18n/messages*.properties}. Every pattern goes through
 * {@link MessageFormat}, so a literal apostrophe is written {@code ''} in every message.
 */
public final class Messages {
    /** Languages the app ships, in the order the language menu lists them. */
    public static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.forLanguageTag("vi"));

    private static final String BUNDLE = "org.finetuneplanner.ui.i18n.messages";

    private final ResourceBundle bundle;
    private final Locale locale;

    private Messages(ResourceBundle bundle, Locale locale) {
        this.bundle = bundle;
        this.locale = locale;
    }

    /** The messages for {@code locale}; English for a language without a translation. */
    public static Messages forLocale(Locale locale) {
        // No fallback to the JVM's default locale: English is the root bundle, whatever the machine says.
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        Locale effective = bundle.getLocale().getLanguage().isEmpty() ? Locale.ENGLISH : bundle.getLocale();
        return new Messages(bundle, effective);
    }

    public Locale locale() {
        return locale;
    }

    public ResourceBundle bundle() {
        return bundle;
    }

    public boolean has(String key) {
        return bundle.containsKey(key);
    }

    /** The text of {@code key} with the arguments put in; the key itself when it is missing (never throws). */
    public String text(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
        return new MessageFormat(pattern, locale).format(args);
    }

    /** The translated name of an enum constant ({@code enum.Precision.BF16}). */
    public String label(Enum<?> value) {
        if (value == null) {
            return "";
        }
        return text("enum." + value.getDeclaringClass().getSimpleName() + "." + value.name());
    }
}
