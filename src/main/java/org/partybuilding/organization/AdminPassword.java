package org.partybuilding.organization;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.partybuilding.system.AsSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code ADMIN_PASSWORD}, when set, is the administrator's password at every start (Camunda only uses it to create
 * the administrator the first time): changing the variable and restarting is how the password is reset.
 */
@Component
@Order(-10)
class AdminPassword implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminPassword.class);

    private final IdentityService identityService;
    private final String adminUserId;
    private final String password;

    AdminPassword(IdentityService identityService, @Value("${camunda.bpm.admin-user.id:admin}") String adminUserId,
            @Value("${app.security.admin-password:}") String password) {
        this.identityService = identityService;
        this.adminUserId = adminUserId;
        this.password = password;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (password.isBlank()) {
            return;
        }
        AsSystem.call(identityService, () -> {
            User admin = identityService.createUserQuery().userId(adminUserId).singleResult();
            if (admin != null) {
                admin.setPassword(password);
                identityService.saveUser(admin);
                identityService.unlockUser(adminUserId);
                log.info("Password of {} set from ADMIN_PASSWORD", adminUserId);
            }
            return null;
        });
    }
}
