package org.partybuilding.organization;

/** One of the eight secretary responsibility-list types (八种类型书记责任清单), configured in the directory file. */
public record SecretaryType(String code, String name) {
}
