/*
 * 1248 党建责任制: what Cockpit's configuration cannot say by itself.
 * Loaded through config.js requireJsConfig (an AMD file) before Angular starts; adds the module party1248.cockpit.
 *
 * Actions the user may not perform are not offered. Cockpit draws its action buttons (cancel, suspend, add a
 * variable, edit or delete a variable, retry, job priorities, delete a deployment) for everybody and lets the engine
 * refuse them. Here each such view is drawn only when the engine says the logged-in user holds the permission it needs
 * (GET engine/{engine}/authorization/check, for every process definition or deployment): only camunda-admin does
 * (docs/security.md), so supervisors and the organization department see no button the engine would refuse. Without an
 * answer (yet) nothing is offered. The engine still checks every action itself.
 */
define([], function () {
  'use strict';

  var PROCESS_DEFINITION = { resourceType: 6, resourceName: 'ProcessDefinition' };
  var DEPLOYMENT = { resourceType: 9, resourceName: 'Deployment' };

  /** What each permission is checked on. */
  var PERMISSIONS = {
    UPDATE_INSTANCE_VARIABLE: PROCESS_DEFINITION,
    DELETE_INSTANCE: PROCESS_DEFINITION,
    SUSPEND_INSTANCE: PROCESS_DEFINITION,
    SUSPEND: PROCESS_DEFINITION,
    UPDATE: PROCESS_DEFINITION,
    RETRY_JOB: PROCESS_DEFINITION,
    DELETE: DEPLOYMENT
  };

  /** Cockpit's action views (plugin point, view id) and the permission each needs. */
  var ACTIONS = {
    'cockpit.processInstance.runtime.action': {
      'add-variable-action': 'UPDATE_INSTANCE_VARIABLE',
      'cancel-process-instance-action': 'DELETE_INSTANCE',
      'update-suspension-state-action': 'SUSPEND_INSTANCE'
    },
    'cockpit.processDefinition.runtime.action': {
      'update-suspension-state-action': 'SUSPEND',
      'bulk-job-definition-override-job-priority-action': 'UPDATE'
    },
    'cockpit.jobDefinition.action': {
      'update-suspension-state': 'SUSPEND',
      'job-definition-override-job-priority-action': 'UPDATE'
    },
    'cockpit.incident.action': {
      'increase-incident-job-retry': 'RETRY_JOB',
      'increase-incident-external-task-retry': 'RETRY_JOB'
    },
    'cockpit.repository.deployment.action': {
      'delete-deployment': 'DELETE'
    }
  };

  /** The variables table: editable columns (and its edit and delete buttons) only with the permission to change variables. */
  var VARIABLES_TAB = { component: 'cockpit.processInstance.runtime.tab', id: 'variables-tab' };

  function engineApi() {
    var base = document.querySelector('base');
    var engine = window.location.href.replace(/.*\/app\/cockpit\/([^/]*).*/, '$1') || 'default';
    return base.getAttribute('engine-api') + 'engine/' + engine + '/';
  }

  function restrict(provider, component) {
    if (provider.party1248) {
      return;
    }
    var permission = (ACTIONS[component] || {})[provider.id];
    if (permission && typeof provider.template === 'string') {
      provider.template = '<span ng-if="$root.party1248.may.' + permission + '">' + provider.template + '</span>';
    }
    if (component === VARIABLES_TAB.component && provider.id === VARIABLES_TAB.id && typeof provider.template === 'string') {
      provider.template = provider.template.replace(/cam-editable="[^"]*"/, 'cam-editable="$root.party1248.variableColumns"');
    }
    provider.party1248 = true;
  }

  var angular = window.angular;
  angular.module('party1248.cockpit', [])
    .config(['$provide', function ($provide) {
      $provide.decorator('Views', ['$delegate', function (Views) {
        var getProviders = Views.getProviders;
        Views.getProviders = function (options) {
          var providers = getProviders.apply(this, arguments) || [];
          var component = options && options.component;
          if (ACTIONS[component] || component === VARIABLES_TAB.component) {
            providers.forEach(function (provider) { restrict(provider, component); });
          }
          return providers;
        };
        return Views;
      }]);
    }])
    .run(['$rootScope', '$http', function ($rootScope, $http) {
      var state = $rootScope.party1248 = { may: {}, variableColumns: [] };
      var checkedFor = null;
      $rootScope.$watch('authentication.name', function (user) {
        if (user === checkedFor) {
          return;
        }
        checkedFor = user;
        state.may = {};
        state.variableColumns = [];
        if (!user) {
          return;
        }
        Object.keys(PERMISSIONS).forEach(function (permission) {
          var resource = PERMISSIONS[permission];
          $http.get(engineApi() + 'authorization/check', {
            params: {
              permissionName: permission, resourceName: resource.resourceName,
              resourceType: resource.resourceType, resourceId: '*'
            }
          }).then(function (response) {
            if (checkedFor !== user) {
              return;
            }
            state.may[permission] = response.data && response.data.authorized === true;
            if (permission === 'UPDATE_INSTANCE_VARIABLE' && state.may[permission]) {
              state.variableColumns = ['type', 'value'];
            }
          });
        });
      });
    }]);
});
