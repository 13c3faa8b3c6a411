package org.partybuilding.system;

import java.util.List;
import org.camunda.bpm.engine.identity.PasswordPolicyRule;
import org.camunda.bpm.engine.impl.identity.DefaultPasswordPolicyImpl;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;

/** Camunda's default password policy (on outside demo mode), its rules in Chinese. */
public final class Passwords {

    private Passwords() {
    }

    /** What the user's password lacks under the default policy, in Chinese; empty when it complies. */
    public static List<String> violations(String password, String userId) {
        UserEntity user = new UserEntity(userId);
        return new DefaultPasswordPolicyImpl().getRules().stream()
                .filter(rule -> !rule.execute(password == null ? "" : password, user)).map(Passwords::describe).toList();
    }

    public static String describe(PasswordPolicyRule rule) {
        Object minimum = rule.getParameters() == null ? null : rule.getParameters().get("minLength");
        return switch (rule.getPlaceholder()) {
            case "PASSWORD_POLICY_LENGTH" -> "至少 " + (minimum == null ? DefaultPasswordPolicyImpl.MIN_LENGTH : minimum) + " 个字符";
            case "PASSWORD_POLICY_LOWERCASE" -> "至少一个小写字母";
            case "PASSWORD_POLICY_UPPERCASE" -> "至少一个大写字母";
            case "PASSWORD_POLICY_DIGIT" -> "至少一个数字";
            case "PASSWORD_POLICY_SPECIAL" -> "至少一个特殊字符";
            case "PASSWORD_POLICY_USER_DATA" -> "不能包含用户名或姓名";
            default -> rule.getPlaceholder();
        };
    }
}
