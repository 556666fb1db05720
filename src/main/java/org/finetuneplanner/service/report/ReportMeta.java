package org.finetuneplanner.service.report;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

import org.finetuneplanner.core.cost.Exchange;
import org.finetuneplanner.service.prices.PriceList;

/**
 * Who the report is for and by, and how it is printed.
 *
 * @param title        the scenario's name as shown on the cover ("" takes the scenario's own name)
 * @param customer     prepared for ("" when not given)
 * @param company      prepared by: the company ("" when not given)
 * @param consultant   prepared by: the person ("" when not given)
 * @param logo         an optional cover logo
 * @param date         the report's date
 * @param language     English or Vietnamese
 * @param paper        A4 or Letter
 * @param prices       the seller's price list the report quotes, if any: then the plan tries only its offers at its
 *                     prices, every amount is in its currency, and the report names no other provider
 */
public record ReportMeta(String title, String customer, String company, String consultant,
                         Optional<ReportLogo> logo, LocalDate date, ReportLanguage language, PaperSize paper,
                         Optional<PriceList> prices) {

    /** A report at the catalog's prices. */
    public ReportMeta(String title, String customer, String company, String consultant, Optional<ReportLogo> logo,
                      LocalDate date, ReportLanguage language, PaperSize paper) {
        this(title, customer, company, consultant, logo, date, language, paper, Optional.empty());
    }

    public ReportMeta {
        title = clean(title);
        customer = clean(customer);
        company = clean(company);
        consultant = clean(consultant);
        Objects.requireNonNull(logo, "logo");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(paper, "paper");
        Objects.requireNonNull(prices, "prices");
    }

    /** No names, no logo, today's date, English on A4. */
    public static ReportMeta defaults(LocalDate date) {
        return new ReportMeta("", "", "", "", Optional.empty(), date, ReportLanguage.EN, PaperSize.A4);
    }

    public ReportMeta withLanguage(ReportLanguage value) {
        return new ReportMeta(title, customer, company, consultant, logo, date, value, paper, prices);
    }

    public ReportMeta withPaper(PaperSize value) {
        return new ReportMeta(title, customer, company, consultant, logo, date, language, value, prices);
    }

    public ReportMeta withPeople(String newCustomer, String newCompany, String newConsultant) {
        return new ReportMeta(title, newCustomer, newCompany, newConsultant, logo, date, language, paper, prices);
    }

    public ReportMeta withLogo(Optional<ReportLogo> value) {
        return new ReportMeta(title, customer, company, consultant, value, date, language, paper, prices);
    }

    public ReportMeta withTitle(String value) {
        return new ReportMeta(value, customer, company, consultant, logo, date, language, paper, prices);
    }

    /** The same report quoting {@code value} (empty: the catalog's prices). */
    public ReportMeta withPrices(Optional<PriceList> value) {
        return new ReportMeta(title, customer, company, consultant, logo, date, language, paper, value);
    }

    /** The currency amounts are shown in: the price list's, else the US dollar. */
    public Exchange money() {
        return prices.map(PriceList::exchange).orElse(Exchange.USD);
    }

    /** Blank-trimmed, control characters (line breaks, tabs) turned into spaces: these go on one line. */
    private static String clean(String s) {
        if (s == null) {
            return "";
        }
        return s.replaceAll("\\p{Cntrl}", " ").strip();
    }
}
