package org.partybuilding.organization;

/** The Camunda group ids the directory maintains; BPMN candidate groups use the same ids. */
public final class Groups {

    /** 组织部: sees and decides everything. */
    public static final String ORG_DEPT = "org-dept";
    /** 督查组: inspectors who record findings and verify rectification. */
    public static final String INSPECTORS = "inspectors";
    /** 全体书记: every organization's secretary. */
    public static final String SECRETARIES = "secretaries";
    /** Camunda's own administrators group. */
    public static final String CAMUNDA_ADMIN = "camunda-admin";

    private static final String STAFF_PREFIX = "staff-";

    private Groups() {
    }

    /** The group of an organization's staff: candidate group for work the organization does as supervisor. */
    public static String staffOf(String organizationId) {
        return STAFF_PREFIX + organizationId;
    }
}
