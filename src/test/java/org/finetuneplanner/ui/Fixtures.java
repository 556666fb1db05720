package org.finetuneplanner.ui;

import java.util.Locale;

import org.finetuneplanner.App;
import org.finetuneplanner.core.gpu.GpuSpec;
import org.finetuneplanner.service.catalog.Catalogs;
import org.finetuneplanner.ui.common.Messages;
import org.finetuneplanner.ui.common.UiExecutors;
import org.finetuneplanner.ui.planner.PlannerServices;
import org.finetuneplanner.ui.planner.PlannerViewModel;

/** The real catalogs and core, composed as the app composes them; loaded once per test JVM. */
public final class Fixtures {
    public static final Catalogs CATALOGS = Catalogs.load();
    public static final PlannerServices SERVICES = App.services(CATALOGS);

    private Fixtures() {
    }

    public static PlannerViewModel planner() {
        return new PlannerViewModel(SERVICES, UiExecutors.direct(), Messages.forLocale(Locale.ENGLISH));
    }

    public static GpuSpec gpu(String id) {
        return CATALOGS.gpu(id).orElseThrow();
    }
}
