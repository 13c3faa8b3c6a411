/*
 * 1248 党建责任制: what Tasklist's configuration cannot say by itself.
 * Loaded through config.js requireJsConfig (an AMD file) before Angular starts; adds the module party1248.tasklist.
 *
 * 1. Dates in the city's time zone (CITY_TIME_ZONE, the server's APP_TIME_ZONE), whatever the browser's zone:
 *    a deadline is stored as the midnight after its due date (Deadlines.deadlineOf), so a due date shows as that
 *    calendar day, and any time at exactly midnight as the previous day's 24:00.
 * 2. Camunda Forms (form-js) has no translations: its validation and widget texts are replaced in the page.
 * 3. The task header offers nothing the engine would refuse: the assignee editor, the × that takes a task from another
 *    user and editing the candidate groups need TASK_ASSIGN, the due and follow-up date editors UPDATE_TASK (only
 *    camunda-admin holds them, docs/security.md; asked of the engine through GET engine/{engine}/authorization/check,
 *    nothing offered before it answers); the × that gives one's own task back is offered only where
 *    GuardedTaskService allows it, on a task others may claim (it has candidate groups): a task the process assigned
 *    to the secretary stays hers.
 */
define([], function () {
  'use strict';

  var CITY_TIME_ZONE = 'Asia/Shanghai';
  var WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

  /** Year, month, day, hour, minute of an instant in the city, with midnight read as 24:00 of the day before. */
  function cityFields(value) {
    var date = value instanceof Date ? value : new Date(value);
    if (isNaN(date.getTime())) {
      return null;
    }
    var parts = {};
    new Intl.DateTimeFormat('en-US', {
      timeZone: CITY_TIME_ZONE, year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23'
    }).formatToParts(date).forEach(function (p) { parts[p.type] = parseInt(p.value, 10); });
    var day = new Date(Date.UTC(parts.year, parts.month - 1, parts.day));
    var hour = parts.hour % 24;
    if (hour === 0 && parts.minute === 0 && parts.second === 0) {
      day = new Date(day.getTime() - 86400000);
      hour = 24;
    }
    return {
      year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate(),
      weekday: WEEKDAYS[day.getUTCDay()], hour: hour, minute: parts.minute
    };
  }

  function two(n) {
    return (n < 10 ? '0' : '') + n;
  }

  function calendarDay(f) {
    return f.year + '年' + f.month + '月' + f.day + '日';
  }

  function formatCityDate(value, format) {
    var f = cityFields(value);
    if (!f) {
      return null;
    }
    var time = two(f.hour) + ':' + two(f.minute);
    switch (format || 'normal') {
      case 'short': return calendarDay(f);
      case 'long': return calendarDay(f) + '星期' + f.weekday + ' ' + time;
      case 'normal':
      case 'abbr': return calendarDay(f) + ' ' + time;
      default: return null;
    }
  }

  /** form-js 1.x English texts (lib/deps.js of the 7.24.0 webjar) and their Chinese. */
  var FORM_TEXTS = [
    [/^Field is required\.$/, '此项为必填项。'],
    [/^Field must have minimum length of (.+)\.$/, '至少填写 $1 个字。'],
    [/^Field must have maximum length of (.+)\.$/, '最多填写 $1 个字。'],
    [/^Field must have minimum value of (.+)\.$/, '不能小于 $1。'],
    [/^Field must have maximum value of (.+)\.$/, '不能大于 $1。'],
    [/^Field must match pattern (.+)\.$/, '格式不正确（应符合 $1）。'],
    [/^Field must be a valid email\.$/, '请填写有效的电子邮件地址。'],
    [/^Field must be a valid {1,2}international phone number\. \(e\.g\. \+4930664040900\)$/, '请填写有效的国际格式电话号码（例如 +8657412345678）。'],
    [/^Value is not a number\.$/, '请填写数字。'],
    [/^Value is expected to be an integer\.$/, '请填写整数。'],
    [/^Value is expected to have at most (\d+) decimal digits?\.$/, '最多保留 $1 位小数。'],
    [/^Please select a valid value, the two nearest valid values are (.+) and (.+)\.$/, '请填写有效的值，最接近的两个有效值为 $1 和 $2。'],
    [/^No results$/, '没有匹配的选项'],
    [/^All values selected$/, '已全部选择'],
    [/^Search$/, '搜索'],
    [/^Select$/, '请选择']
  ];
  var FORM_PLACEHOLDERS = {'hh:mm': '时:分', 'hh:mm ?m': '时:分', 'Search': '搜索', 'Select': '请选择'};

  function translated(text) {
    var trimmed = text.trim();
    for (var i = 0; i < FORM_TEXTS.length; i++) {
      if (FORM_TEXTS[i][0].test(trimmed)) {
        return text.replace(trimmed, trimmed.replace(FORM_TEXTS[i][0], FORM_TEXTS[i][1]));
      }
    }
    return null;
  }

  function translateForms(root) {
    if (!root.querySelectorAll) {
      return;
    }
    var forms = root.matches && root.matches('.fjs-container') ? [root] : root.querySelectorAll('.fjs-container');
    Array.prototype.forEach.call(forms, function (form) {
      var walker = document.createTreeWalker(form, NodeFilter.SHOW_TEXT);
      for (var node = walker.nextNode(); node; node = walker.nextNode()) {
        var chinese = translated(node.nodeValue);
        if (chinese !== null) {
          node.nodeValue = chinese;
        }
      }
      Array.prototype.forEach.call(form.querySelectorAll('[placeholder]'), function (input) {
        var chinese = FORM_PLACEHOLDERS[input.getAttribute('placeholder')];
        if (chinese) {
          input.setAttribute('placeholder', chinese);
        }
      });
    });
  }

  function watchForms() {
    new MutationObserver(function (mutations) {
      var forms = new Set();
      mutations.forEach(function (m) {
        var element = m.target.nodeType === Node.TEXT_NODE ? m.target.parentElement : m.target;
        var form = element && element.closest ? element.closest('.fjs-container') : null;
        if (form) {
          forms.add(form);
        } else if (element) {
          forms.add(element);
        }
      });
      forms.forEach(translateForms);
    }).observe(document.documentElement, {childList: true, subtree: true, characterData: true});
  }

  /** The header's actions (by the function their ng-click calls) and the permission each is offered with. */
  var MAY_ASSIGN = '$root.party1248.may.TASK_ASSIGN';
  var MAY_UPDATE = '$root.party1248.may.UPDATE_TASK';
  var HEADER_ACTIONS = {
    unclaim: '(groupNames.length > 0 || ' + MAY_ASSIGN + ')',
    resetAssignee: MAY_ASSIGN,
    resetDueDate: MAY_UPDATE,
    resetFollowUpDate: MAY_UPDATE
  };

  /**
   * The element of the template that starts at {@code start} (a span) kept for those with {@code condition}, and for the
   * others the same content as plain text in a span with these attributes, less what {@code drop} matches.
   */
  function plainUnless(template, start, condition, attributes, drop) {
    if (start < 0) {
      return template;
    }
    var openTag = template.indexOf('>', start) + 1;
    var end = openTag;
    for (var depth = 1; depth > 0;) {
      var next = template.slice(end).search(/<\/?span\b/);
      if (next < 0) {
        return template;
      }
      end += next;
      depth += template.charAt(end + 1) === '/' ? -1 : 1;
      end = template.indexOf('>', end) + 1;
    }
    var inner = template.slice(openTag, end - '</span>'.length);
    return template.slice(0, start)
      + '<span ' + attributes + ' ng-if="!' + condition + '">' + (drop ? inner.replace(drop, '') : inner) + '</span>'
      + '<span ng-if="' + condition + '"' + template.slice(start + '<span'.length, end)
      + template.slice(end);
  }

  /**
   * The task header (cam-tasklist-task-meta) offering only what the engine allows the user: the assignee editor and the
   * × that takes a task from someone need TASK_ASSIGN, so does editing the candidate groups; the due and follow-up date
   * editors and their resets need UPDATE_TASK (only camunda-admin holds either); without them the assignee and the
   * due date are plain text and the follow-up date (the product sets none) is not shown.
   */
  function withoutRefusedActions(template) {
    template = template.replace(/<(a|button)\b[^>]*>/g, function (tag) {
      var call = /\bng-click="(\w+)\(/.exec(tag);
      var condition = call && HEADER_ACTIONS[call[1]];
      if (!condition) {
        return tag;
      }
      return /\bng-if="/.test(tag)
        ? tag.replace(/\bng-if="([^"]*)"/, 'ng-if="($1) && ' + condition + '"')
        : tag.replace(/^<(a|button)\b/, '$& ng-if="' + condition + '"');
    });
    template = template
      .replace('ng-click="editGroups()"', 'ng-click="' + MAY_ASSIGN + ' && editGroups()"')
      .replace(/ng-if="groupNames\.length === 0"(\s+translate="ADD_GROUPS")/, 'ng-if="groupNames.length === 0 && ' + MAY_ASSIGN + '"$1')
      .replace(/<span(\s+cam-widget-inline-field\b[^>]*class="followup-date")/, '<span ng-if="' + MAY_UPDATE + '"$1');
    template = plainUnless(template, template.search(/<span\s+cam-widget-inline-field\b[^>]*class="due-date"/), MAY_UPDATE,
      'class="due-date" ng-class="{overdue: task.due && (task.due < now) }"', /<a ng-if="!task\.due"[^>]*>[^<]*<\/a>/);
    return plainUnless(template, template.search(/<span\s+cam-widget-inline-field\b[^>]*value="assignee\.id"/), MAY_ASSIGN,
      'class="assignee-name"');
  }

  var angular = window.angular;
  angular.module('party1248.tasklist', [])
    .config(['$provide', function ($provide) {
      // every date Tasklist formats (tooltips, history, comments) in city time
      $provide.decorator('camDateFilter', ['$delegate', function ($delegate) {
        return function (value, format) {
          if (!value) {
            return $delegate.apply(this, arguments);
          }
          var city = formatCityDate(typeof value === 'number' ? new Date(value) : value, format);
          return city !== null ? city : $delegate.apply(this, arguments);
        };
      }]);
      // a due date reads as its calendar day in the city, not "in 3 days" counted to the next midnight
      $provide.decorator('amTimeAgoDirective', ['$delegate', function ($delegate) {
        var directive = $delegate[0];
        var compile = directive.compile;
        directive.compile = function () {
          var link = compile.apply(this, arguments);
          return function (scope, element, attrs) {
            if (attrs.amTimeAgo !== 'task.due') {
              return link.apply(this, arguments);
            }
            element.addClass('city-due-date');
            scope.$watch(attrs.amTimeAgo, function (due) {
              var f = due ? cityFields(due) : null;
              element.text(f ? calendarDay(f) : '');
            });
          };
        };
        return $delegate;
      }]);
      $provide.decorator('camTasklistTaskMetaDirective', ['$delegate', function ($delegate) {
        $delegate[0].template = withoutRefusedActions($delegate[0].template);
        return $delegate;
      }]);
    }])
    .run(watchForms)
    .run(['$rootScope', '$http', function ($rootScope, $http) {
      var state = $rootScope.party1248 = { may: {} };
      var engine = window.location.href.replace(/.*\/app\/tasklist\/([^/]*).*/, '$1') || 'default';
      $rootScope.$watch('authentication.name', function (user) {
        state.may = {};
        if (user) {
          ['TASK_ASSIGN', 'UPDATE_TASK'].forEach(function (permission) {
            $http.get(document.querySelector('base').getAttribute('engine-api') + 'engine/' + engine + '/authorization/check',
              { params: { resourceName: 'ProcessDefinition', resourceType: 6, permissionName: permission, resourceId: '*' } })
              .then(function (response) {
                if ($rootScope.authentication && $rootScope.authentication.name === user) {
                  state.may[permission] = response.data && response.data.authorized === true;
                }
              });
          });
        }
      });
    }]);

  return {formatCityDate: formatCityDate};
});
