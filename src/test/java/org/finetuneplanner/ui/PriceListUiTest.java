package org.finetuneplanner.ui;

import static org.finetuneplanner.ui.Workstation.find;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import javax.imageio.ImageIO;

import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javafx.stage.Window;

import org.finetuneplanner.App;
import org.finetuneplanner.ui.common.UiExecutors;
import org.finetuneplanner.ui.planner.OptionRow;
import org.finetuneplanner.ui.prices.PriceListEditorView;
import org.finetuneplanner.ui.prices.PriceListViewModel;
import org.finetuneplanner.ui.shell.FixedDialogs;
import org.finetuneplanner.ui.shell.ShellView;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * File → Price list… in the real window: the seller's list in force in the status bar and the options table, Use
 * catalog prices drops it; Edit price list… opens the editor filled with it. With {@code -Dprices.shots=DIR} the
 * editor's window is written there as a PNG.
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class PriceListUiTest {
    private static final Path EXAMPLE = Path.of("docs/examples/price-list-vnd.json");

    private final Workstation w = new Workstation();
    private final PriceListViewModel prices = new PriceListViewModel(w.vm, App.priceListFiles(Fixtures.CATALOGS),
            UiExecutors.direct(), () -> LocalDate.of(2026, 12, 5));

    @Start
    void start(Stage stage) {
        FixedDialogs dialogs = new FixedDialogs();
        dialogs.priceListFile = EXAMPLE;
        Application.setUserAgentStylesheet(App.class.getResource(App.LIGHT).toExternalForm());
        Scene scene = new Scene(new ShellView(w.shell, dialogs, stage::close, Optional.of(prices), null), 1200, 760);
        scene.getStylesheets().add(App.class.getResource("/org/finetuneplanner/ui/app.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @SuppressWarnings("unchecked")
    private List<OptionRow> rows(FxRobot robot) {
        return List.copyOf(robot.lookup("#optionsTable").queryAs(TableView.class).getItems());
    }

    @Test
    void aPriceListFromTheFileMenuPricesThePlanAndIsShownInTheStatusBar(FxRobot robot) throws IOException {
        robot.interact(() -> w.vm.inputs().gpuProperty().set(Fixtures.gpu("h100-sxm-80gb")));
        int catalogRows = rows(robot).size();
        robot.clickOn("#fileMenu").clickOn("#openPrices");
        WaitForAsyncUtils.waitForFxEvents();

        Label inForce = find(robot, "#priceListInForce", Label.class);
        assertTrue(inForce.isVisible());
        assertEquals("Price list: VinaGPU Cloud (VND), $1\u00a0= 25,400\u00a0VND (rate of December 1, 2026)",
                inForce.getText());
        assertTrue(catalogRows > 3, "the catalog's plan: " + catalogRows);
        assertEquals(List.of("h100-sxm-80gb", "rtx-4090-24gb", "vina-l20-48gb"),
                rows(robot).stream().map(OptionRow::gpuId).sorted().toList());
        assertTrue(robot.lookup(".status-bar").queryAs(org.controlsfx.control.StatusBar.class).getText()
                .contains("VinaGPU Cloud"));

        String shots = System.getProperty("prices.shots");
        if (shots != null) {
            write(inForce.getScene().getRoot(), Path.of(shots).resolve("planner-with-price-list.png"));
        }
        robot.clickOn("#fileMenu").clickOn("#editPrices");
        WaitForAsyncUtils.waitForFxEvents();
        Window editor = robot.listTargetWindows().stream().filter(win -> win instanceof Stage s
                && s.getScene().getRoot() instanceof PriceListEditorView).findFirst().orElseThrow();
        Node root = editor.getScene().getRoot();
        assertEquals("VND", robot.from(root).lookup("#currencyField").queryAs(TextField.class).getText());
        assertEquals("VinaGPU Cloud", robot.from(root).lookup("#sellerField").queryAs(TextField.class).getText());
        assertEquals("21000", robot.from(root).lookup("#offerPrice-2").queryAs(TextField.class).getText());
        assertEquals("44.99", robot.from(root).lookup("#offerMemory-2").queryAs(TextField.class).getText());
        if (shots != null) {
            write(root, Path.of(shots).resolve("price-list-editor.png"));
        }
        robot.interact(() -> ((Stage) editor).close());

        robot.clickOn("#fileMenu").clickOn("#clearPrices");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(inForce.isVisible());
        assertEquals(catalogRows, rows(robot).size());
    }

    /** The node as drawn, as a PNG. */
    private static void write(Node node, Path file) throws IOException {
        WritableImage[] image = new WritableImage[1];
        javafx.application.Platform.runLater(() -> image[0] = node.snapshot(null, null));
        WaitForAsyncUtils.waitForFxEvents();
        PixelReader pixels = image[0].getPixelReader();
        int width = (int) image[0].getWidth();
        int height = (int) image[0].getHeight();
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                out.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(out, "png", file.toFile());
    }
}
