package org.partybuilding.organization;

import java.util.Collection;
import java.util.Set;

/** The Camunda group ids the directory maintains; BPMN candidate groups use the same ids. */
public final class Groups {

    /** 组织部: sees everything, decides accountability. */
    public static final String ORG_DEPT = "org-dept";
    /** 督查组: inspectors who record findings and verify rectification, across the city. */
    public static final String INSPECTORS = "inspectors";
    /** 全体书记: every organization's secretary. */
    public static final String SECRETARIES = "secretaries";
    /** Camunda's own administrators group: deploys, deletes, manages users. */
    public static final String CAMUNDA_ADMIN = "camunda-admin";

    /** Groups whose members oversee the whole city (with the city's own staff group). */
    static final Set<String> CITY_WIDE = Set.of(ORG_DEPT, INSPECTORS, CAMUNDA_ADMIN);

    private static final String STAFF_PREFIX = "staff-";

    private Groups() {
    }

    /** The group of an organization's staff: candidate group for work the organization does as supervisor. */
    public static String staffOf(String organizationId) {
        return STAFF_PREFIX + organizationId;
    }

    static boolean isCityWide(Collection<String> groupIds) {
        return groupIds.stream().anyMatch(CITY_WIDE::contains);
    }
}
