package org.partybuilding.organization;

/** One problem of a directory file, with the line it is on (1-based; 0 when it concerns the whole file). */
public record DirectoryProblem(int line, String message) {

    @Override
    public String toString() {
        return line > 0 ? "第 " + line + " 行：" + message : message;
    }
}
