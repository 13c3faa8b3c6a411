package org.partybuilding.responsibility;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * The responsibility list of one secretary type (书记责任清单) as it is in effect for a year: the current version of
 * the year's own list, or of the latest earlier year's when the year has none of its own.
 *
 * @param year          the year it is in effect for (the year asked for)
 * @param type          the secretary type's code in the directory ({@code VILLAGE})
 * @param typeName      its Chinese name (村党组织书记)
 * @param version       1 for the shipped list, n+1 for each list the organization department published
 * @param inheritedFrom the earlier year whose list this is, when the year has none of its own; null otherwise
 * @param updatedBy     who published this version; null for a shipped list
 * @param updatedAt     when this version was stored
 * @param items         the items in list order
 */
public record ResponsibilityList(int year, String type, String typeName, int version,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer inheritedFrom, String updatedBy, Instant updatedAt,
        List<ResponsibilityItem> items) {

    public ResponsibilityList {
        items = List.copyOf(items);
    }

    /**
     * The list as a secretary's form shows it (read-only): a heading with the type, year and version, then one item a
     * line — code, category, quarter, weight and the duty. The list-signing and duty-report write forms use it.
     */
    public String text() {
        StringBuilder text = new StringBuilder(year + "年" + typeName + "责任清单（第 " + version + " 版"
                + (inheritedFrom == null ? "" : "，沿用 " + inheritedFrom + " 年") + "）\n");
        for (ResponsibilityItem item : items) {
            text.append(item.code()).append("（").append(item.category()).append("，")
                    .append(item.quarter() == 0 ? "全年" : "第" + item.quarter() + "季度").append("，权重 ").append(item.weight()).append("）")
                    .append(item.text()).append('\n');
        }
        return text.toString().strip();
    }
}
