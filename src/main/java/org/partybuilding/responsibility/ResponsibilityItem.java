package org.partybuilding.responsibility;

/**
 * One duty of a secretary responsibility list (责任清单条目).
 *
 * @param code     unique within the year across all types: the type's code, a dash and two digits ({@code VILLAGE-01})
 * @param type     the secretary type's code ({@code VILLAGE})
 * @param text     what the secretary must do, in Chinese (at most 300 characters, one line)
 * @param category the kind of work (政治建设、组织建设、基层治理…; at most 20 characters)
 * @param quarter  the quarter it is due, 1–4; 0 for work all year round (全年持续/每季度)
 * @param weight   its share of the list, 1–100; the weights of a list sum to exactly 100
 */
public record ResponsibilityItem(String code, String type, String text, String category, int quarter, int weight) {

    /** True when the item is due in this quarter: its own quarter, or all year round. */
    public boolean dueIn(int quarter) {
        return this.quarter == 0 || this.quarter == quarter;
    }
}
