package org.partybuilding.rectification;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;

/** A ledger entry (整改台账) as the API shows it; {@code history} only on the single-item answer. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RectificationItem(
        long id,
        String organizationId,
        Source source,
        String sourceRef,
        String title,
        String description,
        Severity severity,
        String issuingOrganizationId,
        LocalDate dueDate,
        Status status,
        int rejections,
        String processInstanceId,
        List<RectificationEvent> history) {

    RectificationItem withHistory(List<RectificationEvent> events) {
        return new RectificationItem(id, organizationId, source, sourceRef, title, description, severity,
                issuingOrganizationId, dueDate, status, rejections, processInstanceId, events);
    }
}
