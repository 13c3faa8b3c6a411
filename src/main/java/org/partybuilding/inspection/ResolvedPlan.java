package org.partybuilding.inspection;

import java.time.LocalDate;
import java.util.List;
import org.partybuilding.workflow.RoundScope;

/**
 * A checked plan: the scope with its recorded seed, the checklist's item codes, the inspectors it may use (null: the
 * whole inspectors group) and the assignment it gives today.
 */
record ResolvedPlan(int year, int quarter, String theme, RoundScope scope, List<String> checklist, List<String> inspectorPool,
        LocalDate dueDate, List<InspectionPlanner.Assignment> assignments) {
}
