/**
 * The eight secretary responsibility lists (八种类型书记责任清单, the "8" of 1248): one list per secretary type and year,
 * every version kept, shipped lists loaded at start-up, {@code /api/responsibility-lists} to read and publish.
 * Other capabilities (quarterly inspections, the annual cycle) use {@link org.partybuilding.responsibility.ResponsibilityLists}
 * with its records {@link org.partybuilding.responsibility.ResponsibilityList} and
 * {@link org.partybuilding.responsibility.ResponsibilityItem}; the table, the file parser and the web controller are hidden.
 */
package org.partybuilding.responsibility;
