package org.finetuneplanner.service.report.content;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import org.finetuneplanner.service.io.SafeText;
import org.finetuneplanner.service.report.ReportData;
import org.finetuneplanner.service.report.ReportMeta;

/**
 * What a report says, as data: builds a {@link ReportDocument} from the report's data and the text layer, in the
 * report's language. No layout here: a section is a function from the data to blocks, so a new section is one more
 * entry in {@link #SECTIONS}. Pure; a new {@link Wording} per call, so it is thread-safe.
 */
public final class ReportContent {
    /** Document information keeps a name whole up to this many characters (a PDF viewer shows the title bar). */
    public static final int METADATA_CHARACTERS = 1_000;

    /** The body's sections, in reading order: what the customer decides on first, the method last. */
    static final List<BiFunction<ReportData, Wording, List<Block>>> SECTIONS = List.of(
            SummarySection::blocks,
            ScenarioSection::blocks,
            MemorySection::blocks,
            OptionsSection::blocks,
            CostSection::blocks,
            SensitivitySection::blocks,
            NextStepsSection::blocks,
            GlossarySection::blocks,
            MethodSection::blocks);

    private ReportContent() {
    }

    /** The whole report of {@code data}. */
    public static ReportDocument of(ReportData data) {
        ReportMeta meta = data.meta();
        Wording w = new Wording(meta.language());
        List<Block> body = new ArrayList<>();
        for (BiFunction<ReportData, Wording, List<Block>> section : SECTIONS) {
            body.addAll(section.apply(data, w));
        }
        String date = w.f().date(meta.date());
        Text title = Text.name(data.title());
        Text product = Text.words(w.plain("report.product"));
        ReportDocument.Running running = new ReportDocument.Running(product.then(" · ").then(title),
                meta.customer().isEmpty() ? Text.words(date) : w.text("header.for", Text.name(meta.customer())),
                Text.words(date));
        return new ReportDocument(meta.language(), meta.paper(), cover(data, w, title, product, date), body,
                running, metadata(data, w), late(w));
    }

    private static ReportDocument.Cover cover(ReportData data, Wording w, Text title, Text product, String date) {
        ReportMeta meta = data.meta();
        List<ReportDocument.Entry> entries = new ArrayList<>();
        if (!meta.customer().isEmpty()) {
            entries.add(new ReportDocument.Entry(Text.words(w.plain("cover.preparedFor")), Text.name(meta.customer())));
        }
        NextStepsSection.contact(meta).ifPresent(by -> entries.add(new ReportDocument.Entry(
                Text.words(w.plain("cover.preparedBy")), by)));
        entries.add(new ReportDocument.Entry(Text.words(w.plain("cover.date")), Text.words(date)));
        return new ReportDocument.Cover(product, Text.words(w.plain("report.title")), title, entries,
                Text.words(w.plain("section.contents")), Text.words(w.plain("cover.disclaimer")), meta.logo());
    }

    private static ReportDocument.Metadata metadata(ReportData data, Wording w) {
        ReportMeta meta = data.meta();
        List<String> by = new ArrayList<>();
        if (!meta.consultant().isEmpty()) {
            by.add(meta.consultant());
        }
        if (!meta.company().isEmpty()) {
            by.add(meta.company());
        }
        return new ReportDocument.Metadata(info(w.plain("report.title") + " — " + data.title()),
                info(String.join(", ", by)), info(data.title()), meta.language().id());
    }

    /** Document information: no control or direction characters, at most {@link #METADATA_CHARACTERS}. */
    private static String info(String s) {
        return Wording.shorten(SafeText.strip(Wording.shorten(s, 2 * METADATA_CHARACTERS)), METADATA_CHARACTERS);
    }

    private static ReportDocument.Late late(Wording w) {
        return new ReportDocument.Late() {
            @Override
            public Text page(int page, int pages) {
                return Text.words(w.plain("footer.page", page, pages));
            }

            @Override
            public Text missingCharacters(String characters, String shownAs) {
                return w.text("report.missingCharacters", Text.citation(characters), shownAs);
            }
        };
    }
}
