package org.partybuilding.inspection;

/** Chinese names of quarters. */
final class Quarters {

    private static final String[] NUMBERS = {"一", "二", "三", "四"};

    private Quarters() {
    }

    /** 第四季度 */
    static String label(int quarter) {
        return "第" + NUMBERS[quarter - 1] + "季度";
    }
}
