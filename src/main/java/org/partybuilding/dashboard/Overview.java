package org.partybuilding.dashboard;

import java.time.LocalDate;
import java.util.List;

/**
 * The scope at a glance: open and overdue tasks and rectification items of every organization in it, in tree order.
 * Each organization's figures are its own; the page adds them up along the tree.
 */
record Overview(ScopeView scope, LocalDate today, Figures totals, List<OrganizationFigures> organizations) {

    /** @param cityName the directory's root organization (中共青禾市委员会): the page leaves it out of names */
    record ScopeView(String organizationId, String name, boolean wholeCity, String cityName) {
    }

    /**
     * @param escalatedItems open items that have been escalated (一级或二级督办) at least once
     */
    record Figures(long openTasks, long overdueTasks, long openItems, long overdueItems, long escalatedItems) {

        static final Figures NONE = new Figures(0, 0, 0, 0, 0);

        Figures plus(Figures other) {
            return new Figures(openTasks + other.openTasks, overdueTasks + other.overdueTasks, openItems + other.openItems,
                    overdueItems + other.overdueItems, escalatedItems + other.escalatedItems);
        }
    }

    /** @param depth 0 for the scope's own organization, 1 below it … */
    record OrganizationFigures(String id, String name, String parentId, int depth, String domain, long openTasks,
            long overdueTasks, long openItems, long overdueItems, long escalatedItems) {
    }
}
