package org.partybuilding.workflow;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Open incidents (a process step that failed all its retries: nobody is reminded or escalated until someone acts),
 * as the gauge {@code app.incidents.open} and the health contributor {@code incidents}. Health stays UP: restarting
 * would not help; an administrator resolves them in Cockpit.
 */
@Component
class IncidentHealth implements HealthIndicator, MeterBinder {

    private final RuntimeService runtimeService;

    IncidentHealth(RuntimeService runtimeService) {
        this.runtimeService = runtimeService;
    }

    long open() {
        return runtimeService.createIncidentQuery().count();
    }

    @Override
    public Health health() {
        return Health.up().withDetail("open", open()).build();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("app.incidents.open", this, IncidentHealth::open).description("未处理的流程事件（失败的流程步骤）").register(registry);
    }
}
