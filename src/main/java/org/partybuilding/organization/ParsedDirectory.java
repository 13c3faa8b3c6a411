package org.partybuilding.organization;

import java.util.List;

/** A directory file as read, each entry with its line, before the cross-checks of {@link DirectoryValidator}. */
record ParsedDirectory(
        List<Entry<SecretaryType>> secretaryTypes,
        List<Entry<Organization>> organizations,
        List<Entry<StaffMember>> staff,
        List<DirectoryProblem> problems) {

    record Entry<T>(int line, T value) {
    }

    List<Organization> organizationList() {
        return organizations.stream().map(Entry::value).toList();
    }

    List<StaffMember> staffList() {
        return staff.stream().map(Entry::value).toList();
    }

    List<SecretaryType> secretaryTypeList() {
        return secretaryTypes.stream().map(Entry::value).toList();
    }
}
