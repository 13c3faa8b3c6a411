package org.partybuilding.organization;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.partybuilding.system.Texts;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Changing one's own password, also while it is still the initial one (then every other request is refused). */
@RestController
@RequestMapping("/api/account")
@Tag(name = "账号")
class AccountController {

    private final Accounts accounts;

    AccountController(Accounts accounts) {
        this.accounts = accounts;
    }

    @PostMapping("/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "修改本人密码（凭用户名和当前密码，无需 HTTP Basic 认证；首次登录前用于修改初始密码）")
    @io.swagger.v3.oas.annotations.security.SecurityRequirements // none: the current password in the body authenticates
    void changePassword(@Valid @RequestBody PasswordChange change) {
        accounts.changePassword(change.userId(), change.currentPassword(), change.newPassword());
    }

    record PasswordChange(
            @NotBlank(message = "请填写用户名") @Size(max = 64, message = "用户名最长 64 个字符")
            @Pattern(regexp = Texts.SINGLE_LINE, message = "用户名不能含有换行或控制字符") String userId,
            @NotBlank(message = "请填写当前密码") @Size(max = 200, message = "密码最长 200 个字符") String currentPassword,
            @NotBlank(message = "请填写新密码") @Size(max = 200, message = "密码最长 200 个字符") String newPassword) {
    }
}
