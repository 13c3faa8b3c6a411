package org.partybuilding.organization;

import java.util.List;

/** A directory file with problems: nothing of it was imported. */
public class DirectoryRejectedException extends RuntimeException {

    private final transient List<DirectoryProblem> problems;

    DirectoryRejectedException(String source, List<DirectoryProblem> problems) {
        super("目录文件 " + source + " 有 " + problems.size() + " 处错误，未导入任何数据：\n"
                + String.join("\n", problems.stream().map(DirectoryProblem::toString).toList()));
        this.problems = List.copyOf(problems);
    }

    public List<DirectoryProblem> problems() {
        return problems;
    }
}
