package org.partybuilding.organization;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.partybuilding.system.AsSystem;
import org.partybuilding.system.StartupLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The administrator ({@code admin}, in Camunda's {@code camunda-admin} group), created on the first start and given
 * {@code ADMIN_PASSWORD} at every start when it is set: changing the variable and restarting resets the password.
 * In demo mode without {@code ADMIN_PASSWORD} the first password is {@code admin}; outside demo mode
 * {@code ADMIN_PASSWORD} is required ({@code RunMode}). Done here rather than by the Camunda starter so that two
 * nodes starting at once on one database create it once ({@link StartupLock}).
 */
@Component
@Order(-10)
class AdminAccount implements ApplicationRunner {

    static final String DEMO_PASSWORD = "admin";

    private static final Logger log = LoggerFactory.getLogger(AdminAccount.class);

    private final IdentityService identityService;
    private final AuthorizationService authorizationService;
    private final StartupLock startupLock;
    private final String adminUserId;
    private final String adminEmail;
    private final String password;

    AdminAccount(IdentityService identityService, AuthorizationService authorizationService, StartupLock startupLock,
            @Value("${app.security.admin-user-id}") String adminUserId, @Value("${app.security.admin-email}") String adminEmail,
            @Value("${app.security.admin-password:}") String password) {
        this.identityService = identityService;
        this.authorizationService = authorizationService;
        this.startupLock = startupLock;
        this.adminUserId = adminUserId;
        this.adminEmail = adminEmail;
        this.password = password;
    }

    @Override
    public void run(ApplicationArguments args) {
        startupLock.run(() -> AsSystem.call(identityService, () -> {
            ensure();
            return null;
        }));
    }

    private void ensure() {
        User admin = identityService.createUserQuery().userId(adminUserId).singleResult();
        boolean created = admin == null;
        if (created) {
            admin = identityService.newUser(adminUserId);
            admin.setFirstName("系统管理员");
            admin.setLastName("");
            admin.setEmail(adminEmail);
            admin.setPassword(password.isBlank() ? DEMO_PASSWORD : password);
            identityService.saveUser(admin);
            log.info("Administrator {} created", adminUserId);
        } else if ("Admin".equals(admin.getLastName())) {
            // an installation whose administrator Camunda's starter created reads "系统管理员 Admin" in the header
            admin.setFirstName("系统管理员");
            admin.setLastName("");
            identityService.saveUser(admin);
            admin = identityService.createUserQuery().userId(adminUserId).singleResult();
        }
        if (!created && !password.isBlank()) {
            admin.setPassword(password);
            identityService.saveUser(admin);
            identityService.unlockUser(adminUserId);
            log.info("Password of {} set from ADMIN_PASSWORD", adminUserId);
        }
        if (identityService.createGroupQuery().groupId(Groups.CAMUNDA_ADMIN).count() == 0) {
            Group group = identityService.newGroup(Groups.CAMUNDA_ADMIN);
            group.setName("系统管理员");
            group.setType("SYSTEM");
            identityService.saveGroup(group);
        }
        if (identityService.createUserQuery().userId(adminUserId).memberOfGroup(Groups.CAMUNDA_ADMIN).count() == 0) {
            identityService.createMembership(adminUserId, Groups.CAMUNDA_ADMIN);
        }
        for (Resource resource : Resources.values()) {
            if (authorizationService.createAuthorizationQuery().groupIdIn(Groups.CAMUNDA_ADMIN).resourceType(resource)
                    .resourceId(Authorization.ANY).count() == 0) {
                Authorization all = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
                all.setGroupId(Groups.CAMUNDA_ADMIN);
                all.setResource(resource);
                all.setResourceId(Authorization.ANY);
                all.addPermission(Permissions.ALL);
                authorizationService.saveAuthorization(all);
            }
        }
    }
}
