package org.finetuneplanner.service.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import org.finetuneplanner.core.Note;
import org.junit.jupiter.api.Test;

class ReportTextTest {

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = ReportTextTest.class.getResourceAsStream(
                "/org/finetuneplanner/service/report/" + name)) {
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void vietnameseHasEveryEnglishKey() throws IOException {
        Properties en = load("report_messages.properties");
        Properties vi = load("report_messages_vi.properties");
        for (String key : en.stringPropertyNames()) {
            assertTrue(vi.containsKey(key), "report_messages_vi.properties lacks " + key);
        }
    }

    @Test
    void aNoteIsTranslatedWithItsArgumentsAndItsWords() {
        ReportText vi = new ReportText(ReportLanguage.VI);
        Note phase = Note.info("memory.peak_phase", "The peak falls in the backward (end) phase of the step.",
                "backward (end)");
        assertEquals("Đỉnh bộ nhớ rơi vào giai đoạn cuối lan truyền ngược của bước huấn luyện.", vi.note(phase));
        Note price = Note.warning("cost.no_price", "No rental price is known for T4; set cost.usd_per_gpu_hour.",
                "NVIDIA T4");
        assertEquals("Chưa biết giá thuê của NVIDIA T4; đặt cost.usd_per_gpu_hour để có chi phí.", vi.note(price));
    }

    @Test
    void anUnknownNoteKeepsTheCoresEnglishText() {
        Note other = Note.info("some.new_code", "Something new.");
        assertEquals("Something new.", new ReportText(ReportLanguage.VI).note(other));
        assertEquals("Something new.", new ReportText(ReportLanguage.EN).note(other));
    }
}
