/*
 * 1248 党建责任制: what Cockpit's configuration cannot say by itself.
 * Loaded through config.js requireJsConfig (an AMD file) before Angular starts; adds the module party1248.cockpit.
 *
 * Actions the user may not perform are not offered. Cockpit draws its action buttons (cancel, suspend, add a
 * variable, edit or delete a variable, retry, job priorities, delete a deployment), the instance page's tabs 用户任务
 * (the assignee editor, manage candidate groups and users) and 作业 (suspend or resume a job, recalculate its due
 * date) and the task dashboard (whose count by candidate group needs READ on every task) for everybody and lets the engine
 * refuse them. Here each such view is drawn only when the engine says the logged-in user holds the permission it needs
 * (GET engine/{engine}/authorization/check, for every process definition or deployment): only camunda-admin does
 * (docs/security.md), so supervisors and the organization department see no button the engine would refuse. Without an
 * answer (yet) nothing is offered. The engine still checks every action itself.
 *
 * Dates in the city's time zone, whatever the browser's: Cockpit's camDate filter formats with Tasklist's
 * formatCityDate (app/tasklist/scripts/party-1248.js, loaded as party-1248-dates), as Tasklist does.
 */
define(['party-1248-dates'], function (dates) {
  'use strict';

  function on(resourceName, resourceType, permission) {
    return { resourceName: resourceName, resourceType: resourceType, permissionName: permission };
  }

  /** The permissions asked for, each on every resource of its kind. */
  var PERMISSIONS = {
    UPDATE_INSTANCE_VARIABLE: on('ProcessDefinition', 6, 'UPDATE_INSTANCE_VARIABLE'),
    DELETE_INSTANCE: on('ProcessDefinition', 6, 'DELETE_INSTANCE'),
    SUSPEND_INSTANCE: on('ProcessDefinition', 6, 'SUSPEND_INSTANCE'),
    SUSPEND: on('ProcessDefinition', 6, 'SUSPEND'),
    UPDATE: on('ProcessDefinition', 6, 'UPDATE'),
    // a job's suspension and due date: UPDATE on its instance or UPDATE_INSTANCE on its definition
    UPDATE_INSTANCE: on('ProcessDefinition', 6, 'UPDATE_INSTANCE'),
    // a task's assignee (TASK_ASSIGN) and its candidate groups and users (UPDATE_TASK), on every definition's tasks
    TASK_ASSIGN: on('ProcessDefinition', 6, 'TASK_ASSIGN'),
    UPDATE_TASK: on('ProcessDefinition', 6, 'UPDATE_TASK'),
    RETRY_JOB: on('ProcessDefinition', 6, 'RETRY_JOB'),
    DELETE_DEPLOYMENT: on('Deployment', 9, 'DELETE'),
    // the task dashboard's count by candidate group is a report over every task (READ on all tasks)
    READ_ALL_TASKS: on('Task', 4, 'READ'),
    READ_BATCHES: on('Batch', 13, 'READ')
  };

  /** Cockpit's action views (plugin point, view id) and the permission each needs. */
  var ACTIONS = {
    'cockpit.processInstance.runtime.action': {
      'add-variable-action': 'UPDATE_INSTANCE_VARIABLE',
      'cancel-process-instance-action': 'DELETE_INSTANCE',
      'update-suspension-state-action': 'SUSPEND_INSTANCE',
      'job-retry-action': 'RETRY_JOB'
    },
    'cockpit.processDefinition.runtime.action': {
      'update-suspension-state-action': 'SUSPEND',
      'bulk-job-definition-override-job-priority-action': 'UPDATE',
      'job-retry-action': 'RETRY_JOB'
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
      'delete-deployment': 'DELETE_DEPLOYMENT'
    }
  };

  /** Pages in the header's menu, shown only with the permission their page needs (Cockpit's own access hook). */
  var NAVIGATION = { tasks: 'READ_ALL_TASKS', batch: 'READ_BATCHES' };

  /** Views left out altogether without the permission: their controllers ask the engine for what it would refuse. */
  var PAGES = { 'cockpit.tasks.dashboard': { 'task-dashboard': 'READ_ALL_TASKS' } };

  /** The instance page's tabs. */
  var INSTANCE_TABS = 'cockpit.processInstance.runtime.tab';

  /** The variables table: editable columns (and its edit and delete buttons) only with the permission to change variables. */
  var VARIABLES_TAB = 'variables-tab';

  /** The instance page's tabs whose rows carry buttons (by the function their ng-click calls) and the permission each needs. */
  var TAB_BUTTONS = {
    'user-tasks-tab': { changeGroupIdentityLinks: 'UPDATE_TASK', changeUserIdentityLinks: 'UPDATE_TASK' },
    'jobs-tab': { toggleSuspension: 'UPDATE_INSTANCE', openRecalculationWindow: 'UPDATE_INSTANCE' }
  };

  function may(permission) {
    return '$root.party1248.may.' + permission;
  }

  /** Each button or link that calls one of these functions is drawn only with its permission (kept with its own ng-if). */
  function guardButtons(template, buttons) {
    return template.replace(/<(a|button)\b[^>]*>/g, function (tag) {
      var call = /\bng-click="(\w+)\(/.exec(tag);
      var permission = call && buttons[call[1]];
      if (!permission) {
        return tag;
      }
      return /\bng-if="/.test(tag)
        ? tag.replace(/\bng-if="([^"]*)"/, 'ng-if="' + may(permission) + ' && ($1)"')
        : tag.replace(/^<(a|button)\b/, '$& ng-if="' + may(permission) + '"');
    });
  }

  /** The user tasks tab's in-place assignee editor only with TASK_ASSIGN; without it the assignee as text. */
  function guardAssigneeEditor(template) {
    return template.replace(/<cam-in-place-text-field\b[^>]*property="assignee"[^>]*>/, function (editor) {
      return '<span ng-if="!' + may('TASK_ASSIGN') + '">{{ userTask.assignee }}</span>'
        + '<span ng-if="' + may('TASK_ASSIGN') + '">' + editor.replace(/\s*\/>$/, '>') + '</cam-in-place-text-field></span>';
    });
  }

  function engineApi() {
    var base = document.querySelector('base');
    var engine = window.location.href.replace(/.*\/app\/cockpit\/([^/]*).*/, '$1') || 'default';
    return base.getAttribute('engine-api') + 'engine/' + engine + '/';
  }

  /** What the engine answered for the logged-in user (Angular's $rootScope.party1248), and who waits for it. */
  var state = { may: {}, variableColumns: [] };
  var listeners = {};

  function answered(permission, authorized) {
    state.may[permission] = authorized;
    (listeners[permission] || []).forEach(function (listener) { listener(null, authorized); });
  }

  function restrict(provider, component) {
    if (provider.party1248) {
      return;
    }
    if (component === 'cockpit.navigation' && NAVIGATION[provider.id]) {
      var needed = NAVIGATION[provider.id];
      provider.access = [function () {
        return function (callback) {
          (listeners[needed] = listeners[needed] || []).push(callback);
          callback(null, state.may[needed] === true);
        };
      }];
    }
    var permission = (ACTIONS[component] || {})[provider.id];
    if (permission && typeof provider.template === 'string') {
      provider.template = '<span ng-if="$root.party1248.may.' + permission + '">' + provider.template + '</span>';
    }
    if (component === INSTANCE_TABS && provider.id === VARIABLES_TAB && typeof provider.template === 'string') {
      provider.template = provider.template.replace(/cam-editable="[^"]*"/, 'cam-editable="$root.party1248.variableColumns"');
    }
    if (component === INSTANCE_TABS && TAB_BUTTONS[provider.id] && typeof provider.template === 'string') {
      provider.template = guardAssigneeEditor(guardButtons(provider.template, TAB_BUTTONS[provider.id]));
    }
    provider.party1248 = true;
  }

  var angular = window.angular;
  angular.module('party1248.cockpit', [])
    .config(['$provide', function ($provide) {
      $provide.decorator('camDateFilter', ['$delegate', function ($delegate) {
        return function (value, format) {
          var city = value ? dates.formatCityDate(typeof value === 'number' ? new Date(value) : value, format) : null;
          return city !== null ? city : $delegate.apply(this, arguments);
        };
      }]);
      $provide.decorator('Views', ['$delegate', function (Views) {
        var getProviders = Views.getProviders;
        Views.getProviders = function (options) {
          var providers = getProviders.apply(this, arguments) || [];
          var component = options && options.component;
          if (ACTIONS[component] || component === INSTANCE_TABS || component === 'cockpit.navigation') {
            providers.forEach(function (provider) { restrict(provider, component); });
          }
          if (PAGES[component]) {
            providers = providers.filter(function (provider) {
              var needed = PAGES[component][provider.id];
              return !needed || state.may[needed] === true;
            });
          }
          return providers;
        };
        return Views;
      }]);
    }])
    .run(['$rootScope', '$http', function ($rootScope, $http) {
      $rootScope.party1248 = state;
      var checkedFor = null;
      $rootScope.$watch('authentication.name', function (user) {
        if (user === checkedFor) {
          return;
        }
        checkedFor = user;
        Object.keys(PERMISSIONS).forEach(function (permission) { answered(permission, false); });
        state.variableColumns = [];
        if (!user) {
          return;
        }
        Object.keys(PERMISSIONS).forEach(function (permission) {
          var check = angular.extend({ resourceId: '*' }, PERMISSIONS[permission]);
          $http.get(engineApi() + 'authorization/check', { params: check }).then(function (response) {
            if (checkedFor !== user) {
              return;
            }
            answered(permission, response.data && response.data.authorized === true);
            if (permission === 'UPDATE_INSTANCE_VARIABLE' && state.may[permission]) {
              state.variableColumns = ['type', 'value'];
            }
          });
        });
      });
    }]);
});
