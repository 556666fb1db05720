package org.finetuneplanner.service.report.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Cutting units into pages: what stays together, what is repeated, what is dropped. */
class FlowTest {
    private static final float TOP = 100;
    private static final float BOTTOM = 0;

    private static Unit unit(float height, boolean keep, Unit.Role role) {
        return Unit.of(height, keep, role, 1, (c, top) -> { });
    }

    private static Unit row(float height, boolean keep, Unit header) {
        return new Unit(height, keep, Unit.Role.ROW, 1, header, -1, (c, top) -> { });
    }

    private static List<Unit.Role> roles(List<Flow.Placed> page) {
        return page.stream().map(p -> p.unit().role()).toList();
    }

    @Test
    void aHeadingMovesToTheNextPageWithItsTableRatherThanStayAlone() {
        List<Unit> units = new ArrayList<>();
        units.add(unit(80, false, Unit.Role.LINE));
        units.add(unit(10, true, Unit.Role.HEADING));
        Unit header = new Unit(5, true, Unit.Role.HEADER, 1, null, -1, (c, top) -> { });
        units.add(header);
        units.add(row(5, true, header));
        units.add(row(5, false, header));
        List<List<Flow.Placed>> pages = Flow.paginate(units, TOP, BOTTOM);
        assertEquals(List.of(Unit.Role.LINE), roles(pages.get(0)), "80 + 10 + 5 + 10 > 100: the heading moves too");
        assertEquals(List.of(Unit.Role.HEADING, Unit.Role.HEADER, Unit.Role.ROW, Unit.Role.ROW), roles(pages.get(1)));
    }

    @Test
    void aContinuedTableGetsItsHeaderAgainAndGapsAtTheTopAreDropped() {
        Unit header = new Unit(10, true, Unit.Role.HEADER, 1, null, -1, (c, top) -> { });
        List<Unit> units = new ArrayList<>();
        units.add(header);
        for (int i = 0; i < 12; i++) {
            // Rows kept as the table layout keeps them: the first two and the last two together.
            units.add(row(10, i == 0 || i == 10, header));
        }
        units.add(Unit.gap(8, false));
        List<List<Flow.Placed>> pages = Flow.paginate(units, TOP, BOTTOM);
        assertEquals(2, pages.size());
        assertEquals(10, pages.get(0).size(), "header + 9 rows = 100");
        assertSame(header, pages.get(1).get(0).unit(), "the header again");
        assertEquals(List.of(Unit.Role.HEADER, Unit.Role.ROW, Unit.Role.ROW, Unit.Role.ROW, Unit.Role.GAP),
                roles(pages.get(1)));
    }

    @Test
    void theLastRowIsNeverAloneOnAPage() {
        Unit header = new Unit(10, true, Unit.Role.HEADER, 1, null, -1, (c, top) -> { });
        List<Unit> units = new ArrayList<>();
        units.add(header);
        for (int i = 0; i < 10; i++) {
            units.add(row(10, i == 0 || i == 8, header));
        }
        // header + 9 rows fill the page exactly; row 9 alone would go over: rows 8 and 9 go together.
        List<List<Flow.Placed>> pages = Flow.paginate(units, TOP, BOTTOM);
        long rowsOnLast = pages.get(1).stream().filter(p -> p.unit().role() == Unit.Role.ROW).count();
        assertEquals(2, rowsOnLast);
        assertEquals(Unit.Role.HEADER, pages.get(1).get(0).unit().role());
    }

    @Test
    void aFootnoteStaysWithTheLastRows() {
        Unit header = new Unit(10, true, Unit.Role.HEADER, 1, null, -1, (c, top) -> { });
        List<Unit> units = new ArrayList<>();
        units.add(header);
        for (int i = 0; i < 8; i++) {
            units.add(row(10, i == 0 || i >= 6, header));
        }
        units.add(unit(6, true, Unit.Role.FOOTNOTE));
        units.add(unit(6, false, Unit.Role.FOOTNOTE));
        // header + 8 rows = 90; the footnote's 12 points do not fit: it takes the last two rows with it.
        List<List<Flow.Placed>> pages = Flow.paginate(units, TOP, BOTTOM);
        assertEquals(List.of(Unit.Role.HEADER, Unit.Role.ROW, Unit.Role.ROW, Unit.Role.FOOTNOTE,
                Unit.Role.FOOTNOTE), roles(pages.get(1)));
    }

    @Test
    void aChainTallerThanAPageIsBrokenWhereItMust() {
        List<Unit> units = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            units.add(unit(10, i < 24, Unit.Role.LINE));
        }
        List<List<Flow.Placed>> pages = Flow.paginate(units, TOP, BOTTOM);
        assertEquals(List.of(10, 10, 5), pages.stream().map(List::size).toList());
        assertTrue(pages.get(0).get(9).top() - 10 >= BOTTOM);
    }
}
