package org.finetuneplanner.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.chart.Axis;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableColumnBase;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javafx.stage.Window;

import org.controlsfx.control.CheckComboBox;
import org.controlsfx.control.StatusBar;
import org.finetuneplanner.core.gpu.GpuSpec;
import org.finetuneplanner.core.model.ModelSpec;
import org.finetuneplanner.service.text.Words;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Every text a user can see, read from the real window: labels, buttons, prompts, tooltips, table headers and
 * cells, chart labels, menu items, the choices of every list, the status bar and the explanation pop-over. In
 * Vietnamese none may be an English word of the app's bundles; in English none may be Vietnamese; and switching
 * back and forth leaves nothing of the other language behind.
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class LanguageUiTest {
    /** Vietnamese letters (with their marks) that English never writes. */
    private static final Pattern VIETNAMESE = Pattern.compile("[\\u00c0-\\u00c3\\u00c8-\\u00ca\\u00cc\\u00cd"
            + "\\u00d2-\\u00d5\\u00d9\\u00da\\u00dd\\u00e0-\\u00e3\\u00e8-\\u00ea\\u00ec\\u00ed\\u00f2-\\u00f5\\u00f9"
            + "\\u00fa\\u00fd\\u0102\\u0103\\u0110\\u0111\\u0128\\u0129\\u0168\\u0169\\u01a0\\u01a1\\u01af\\u01b0"
            + "\\u1ea0-\\u1ef9]");
    /** A Vietnamese decimal ("17,1") in English text, an English one ("17.1") in Vietnamese text. */
    private static final Pattern COMMA_DECIMAL = Pattern.compile("\\d,\\d(?!\\d)");
    private static final Pattern POINT_DECIMAL = Pattern.compile("\\d\\.\\d(?!\\d)|\\d\\.\\d\\d(?!\\d)");
    private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}'\u2019]*");

    private final Workstation w = new Workstation();

    @Start
    void start(Stage stage) {
        w.show(stage);
    }

    @Test
    void everyVisibleTextIsInTheChosenLanguageBeforeAndAfterSwitching(FxRobot robot) {
        // Problems on screen too: a decoration's tooltip and the stale state are texts the user reads.
        robot.interact(() -> w.vm.inputs().tokensTextProperty().set("abc"));
        List<String> found = new ArrayList<>();
        found.addAll(check(robot, "en"));
        switchTo(robot, "Tiếng Việt");
        found.addAll(check(robot, "vi"));
        switchTo(robot, "English");
        found.addAll(check(robot, "en"));
        switchTo(robot, "Tiếng Việt");
        found.addAll(check(robot, "vi"));
        assertEquals(List.of(), found);
    }

    private void switchTo(FxRobot robot, String language) {
        robot.clickOn("#viewMenu").clickOn("#languageMenu").clickOn(language);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Opens the explanation, reads every text and returns those in the wrong language (with the reason). */
    private List<String> check(FxRobot robot, String language) {
        robot.clickOn("#legend-activations");
        WaitForAsyncUtils.waitForFxEvents();
        List<String> texts = new ArrayList<>();
        robot.interact(() -> {
            for (Window window : new ArrayList<>(Window.getWindows())) {
                if (window.isShowing() && window.getScene() != null) {
                    collect(window.getScene().getRoot(), texts);
                }
            }
        });
        robot.type(KeyCode.ESCAPE);
        assertTrue(texts.size() > 300, "read " + texts.size() + " texts");
        assertTrue(texts.stream().anyMatch(t -> t.startsWith(language.equals("vi") ? "Cách tính" : "How ")),
                "the explanation was read");
        Set<String> englishOnly = englishOnlyWords();
        List<String> wrong = new ArrayList<>();
        for (String raw : new TreeSet<>(texts)) {
            if (raw.startsWith("WRONG VALUE SHOWN")) {
                wrong.add(raw);
                continue;
            }
            String t = withoutNames(raw);
            if (language.equals("en")) {
                if (VIETNAMESE.matcher(t).find() && !t.equals("Tiếng Việt")) {
                    wrong.add("en: Vietnamese in \u00ab" + raw + "\u00bb");
                } else if (COMMA_DECIMAL.matcher(t).find()) {
                    wrong.add("en: Vietnamese number in \u00ab" + raw + "\u00bb");
                }
            } else {
                Matcher m = WORD.matcher(t);
                while (m.find()) {
                    if (englishOnly.contains(m.group().toLowerCase(Locale.ROOT))) {
                        wrong.add("vi: English '" + m.group() + "' in \u00ab" + raw + "\u00bb");
                        break;
                    }
                }
                if (POINT_DECIMAL.matcher(t).find()) {
                    wrong.add("vi: English number in \u00ab" + raw + "\u00bb");
                }
            }
        }
        return wrong;
    }

    /** Text without the names that stay as they are: GPUs, models, the scenario's own name, the language names. */
    private String withoutNames(String text) {
        String t = text;
        List<String> names = new ArrayList<>();
        for (GpuSpec g : w.vm.inputs().gpus()) {
            names.add(g.name());
        }
        for (ModelSpec m : w.vm.inputs().presets()) {
            names.add(m.displayName());
        }
        names.add(w.vm.inputs().scenarioNameProperty().get());
        names.sort(Comparator.comparingInt(String::length).reversed());
        for (String n : names) {
            if (!n.isEmpty()) {
                t = t.replace(n, " ");
            }
        }
        return t;
    }

    /**
     * Words of the English bundles (app, core, terms) that the Vietnamese bundles never use: a Vietnamese screen
     * showing one of them shows English. Words both use (GPU, LoRA, token, sharding …) are the glossary's.
     */
    private static Set<String> englishOnlyWords() {
        Set<String> en = new HashSet<>();
        Set<String> vi = new HashSet<>();
        for (String family : List.of("app", "core", "terms")) {
            words(family + ".properties", en);
            words(family + "_vi.properties", vi);
        }
        en.removeAll(vi);
        return en;
    }

    private static void words(String file, Set<String> into) {
        Properties p = new Properties();
        try (InputStream in = LanguageUiTest.class.getResourceAsStream(Words.FOLDER + file)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Object value : p.values()) {
            Matcher m = WORD.matcher(value.toString().replaceAll("\\{[^}]*}", " "));
            while (m.find()) {
                if (m.group().length() > 1) {
                    into.add(m.group().toLowerCase(Locale.ROOT));
                }
            }
        }
    }

    private static void collect(Node node, List<String> texts) {
        if (!node.isVisible()) {
            return;
        }
        if (node instanceof Labeled l) {
            add(texts, l.getText());
        }
        if (node instanceof Text t) {
            add(texts, t.getText());
        }
        if (node instanceof TextInputControl t) {
            add(texts, t.getPromptText());
        }
        // Explanations made on hover (ui.common.Tips) are the control's accessible help until then.
        add(texts, node.getAccessibleHelp());
        if (node instanceof Control c && c.getTooltip() != null) {
            add(texts, c.getTooltip().getText());
        }
        if (node.getProperties().get("javafx.scene.control.Tooltip") instanceof Tooltip t) {
            add(texts, t.getText());
        }
        if (node instanceof ComboBox<?> box) {
            choices(box, texts);
        }
        if (node instanceof CheckComboBox<?> box) {
            for (Object item : box.getItems()) {
                add(texts, converted(box.getConverter(), item));
            }
        }
        if (node instanceof TableView<?> table) {
            for (TableColumnBase<?, ?> c : table.getColumns()) {
                add(texts, c.getText());
            }
        }
        if (node instanceof Axis<?> axis) {
            add(texts, axis.getLabel());
        }
        if (node instanceof StatusBar bar) {
            add(texts, bar.getText());
        }
        if (node instanceof MenuBar bar) {
            for (Menu m : bar.getMenus()) {
                menu(m, texts);
            }
        }
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                collect(child, texts);
            }
        }
    }

    private static <T> void choices(ComboBox<T> box, List<String> texts) {
        for (T item : box.getItems()) {
            add(texts, converted(box.getConverter(), item));
        }
        // The value on the closed box is what the user reads: it must be there, in the current words (or their first
        // words: a box half a row wide shows a choice's short name, InputsTexts.shortLabel).
        if (box.getValue() != null && box.getButtonCell() != null) {
            String expected = converted(box.getConverter(), box.getValue());
            String shown = box.getButtonCell().getText();
            if (shown == null || shown.isEmpty() || !expected.startsWith(shown)) {
                texts.add("WRONG VALUE SHOWN: \u00ab" + box.getButtonCell().getText() + "\u00bb for \u00ab" + expected
                        + "\u00bb");
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static String converted(javafx.util.StringConverter converter, Object item) {
        return converter == null ? String.valueOf(item) : converter.toString(item);
    }

    private static void menu(MenuItem item, List<String> texts) {
        add(texts, item.getText() == null ? null : item.getText().replace("_", ""));
        if (item instanceof Menu m) {
            for (MenuItem child : m.getItems()) {
                menu(child, texts);
            }
        }
    }

    private static void add(List<String> texts, String text) {
        if (text != null && !text.isBlank()) {
            texts.add(text.strip());
        }
    }
}
