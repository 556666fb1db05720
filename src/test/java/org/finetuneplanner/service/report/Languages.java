package org.finetuneplanner.service.report;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the language tests look for: English function words in a Vietnamese text, Vietnamese letters in an English
 * one. Identifiers ("torch.cuda.max_memory_allocated", "data.tokens") are single tokens and never a function word.
 */
public final class Languages {
    /** Words no Vietnamese sentence of the report contains: English grammar, not vocabulary. */
    public static final Set<String> ENGLISH_FUNCTION_WORDS = Set.of("the", "of", "and", "to", "for", "with", "is",
            "are", "per", "by", "from", "at", "on", "in", "not", "or", "when", "than", "an", "as", "be", "it", "this",
            "that", "these", "those", "into", "over", "under", "only", "each", "its", "which", "was", "were", "has",
            "have", "if", "but", "there", "their", "can", "will", "would", "should", "must", "undated", "constant");

    private Languages() {
    }

    /** The English function words of {@code text}, in order, with repeats. */
    public static List<String> englishFunctionWords(String text) {
        List<String> found = new ArrayList<>();
        for (String token : text.split("[\\s,;:()\\[\\]\"“”!?]+")) {
            String t = token.replaceAll("^[.'’]+|[.'’]+$", "").toLowerCase(Locale.ROOT);
            if (ENGLISH_FUNCTION_WORDS.contains(t)) {
                found.add(t);
            }
        }
        return found;
    }

    /**
     * The characters of {@code text} only Vietnamese uses among the report's languages: ă â đ ê ô ơ ư and the
     * tone marks hook above and dot below.
     */
    public static List<String> vietnameseLetters(String text) {
        List<String> found = new ArrayList<>();
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            // After decomposition: đ stays a letter; ă, â ê ô, ơ ư become a base letter and a breve, circumflex, horn.
            if (c == 'đ' || c == 'Đ' || c == '\u0306' || c == '\u0302' || c == '\u031B' || c == '\u0309'
                    || c == '\u0323') {
                int from = Math.max(0, i - 12);
                found.add(decomposed.substring(from, Math.min(decomposed.length(), i + 12)));
            }
        }
        return found;
    }
}
