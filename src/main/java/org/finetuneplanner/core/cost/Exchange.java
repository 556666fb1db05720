package org.finetuneplanner.core.cost;

import org.finetuneplanner.core.Constraint;
import org.finetuneplanner.core.Violation;

/**
 * The currency amounts are quoted in and its rate to the US dollar. The core computes every amount in US dollars
 * (the catalog's prices, energy and storage are in dollars); a seller's price list quotes in its own currency, and
 * an amount is shown in it as {@code usd × perUsd} ({@link #fromUsd}). The US dollar itself is {@link #USD}.
 *
 * @param currency ISO 4217 code, three capital letters ("VND"); the service checks it names a real currency
 * @param perUsd   units of {@code currency} per US dollar (&gt; 0): the price list's {@code usd_rate}
 */
public record Exchange(String currency, double perUsd) {

    /** Amounts in US dollars, as computed. */
    public static final Exchange USD = new Exchange("USD", 1);

    public Exchange {
        if (currency == null || !currency.matches("[A-Z]{3}")) {
            throw new Violation("currency", Constraint.ONE_OF, null, null, currency, "ISO 4217").exception();
        }
        if (!(perUsd > 0) || Double.isInfinite(perUsd)) {
            throw new Violation("usd_rate", Constraint.GREATER_THAN, 0, null, perUsd).exception();
        }
    }

    /** {@code usd} US dollars in this currency. */
    public double fromUsd(double usd) {
        return usd * perUsd;
    }

    /** {@code amount} of this currency in US dollars. */
    public double toUsd(double amount) {
        return amount / perUsd;
    }

    /** Whether amounts are shown in US dollars as computed (the catalog's prices). */
    public boolean isUsd() {
        return "USD".equals(currency) && perUsd == 1;
    }
}
