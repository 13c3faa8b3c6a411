package org.partybuilding.organization;

/** The domain (领域) an organization works in: the city's "six domains" plus the levels above them. */
public enum Domain {
    CITY("市委"),
    TOWN("镇"),
    SUBDISTRICT("街道"),
    SECTOR("行业系统"),
    VILLAGE("农村"),
    COMMUNITY("城市社区"),
    NON_PUBLIC_ENTERPRISE("非公有制企业"),
    SOCIAL_ORGANIZATION("社会组织"),
    STATE_OWNED_ENTERPRISE("国有企业"),
    GOVERNMENT_AGENCY("机关"),
    PUBLIC_INSTITUTION("事业单位");

    private final String label;

    Domain(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** A grassroots organization (基层党组织) of the six domains, not a committee above them: the one that reports and is inspected. */
    public boolean isGrassroots() {
        return this != CITY && this != TOWN && this != SUBDISTRICT && this != SECTOR;
    }
}
