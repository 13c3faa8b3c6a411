// The supervisors' dashboard (/dashboard). Reads /api/dashboard/** and the ledger with the webapps' login (session
// cookie); without one it shows a login form that logs in to the webapps the way Tasklist does.
(function () {
  'use strict';
  const ZONE = 'Asia/Shanghai';
  const STATUS = {OPEN: '待整改', SUBMITTED: '待核验', REJECTED: '已退回', OVERDUE: '已逾期', ACCOUNTABILITY: '追责中',
    CLOSED: '已销号', CANCELLED: '已撤销'};
  const SOURCE = {INSPECTION: '专项督查', DUTY_REVIEW: '述职评议', SURVEY: '满意度测评', ASSESSMENT: '考核评价', OTHER: '其他'};
  const DOMAIN = {TOWN: '镇', SUBDISTRICT: '街道', SECTOR: '行业系统', VILLAGE: '农村', COMMUNITY: '城市社区',
    NON_PUBLIC_ENTERPRISE: '非公有制企业', SOCIAL_ORGANIZATION: '社会组织', STATE_OWNED_ENTERPRISE: '国有企业',
    GOVERNMENT_AGENCY: '机关', PUBLIC_INSTITUTION: '事业单位'};
  const REPORT_STATUS = {WRITING: '撰写中', REVIEWING: '审核中', RETURNED: '已退回修改', GRADING: '评议中', GRADED: '已评定',
    CANCELLED: '已撤销'};
  const ROUND_STATUS = {PLANNING: '制定方案', INSPECTING: '督查中', BULLETIN: '审定通报', REVISITING: '整改及回头看',
    DONE: '已办结', CANCELLED: '已撤销'};
  const SEVERITY = {HIGH: '严重', MEDIUM: '较重', LOW: '一般'};
  // an escalation's kind; another process of the kit (kind PROCESS) by its process id, else as its mail named it
  const ESCALATION_KIND = {RECTIFICATION: '整改事项', DUTY_REPORT: '述职报告', 'list-signing': '清单签订',
    'quarterly-inspection': '专项督查'};
  const charts = [];
  let overview = null;

  const $ = (selector) => document.querySelector(selector);

  class Unauthorized extends Error {}

  async function get(path) {
    const response = await fetch(path, {credentials: 'same-origin', headers: {Accept: 'application/json'}});
    if (response.status === 401) {
      throw new Unauthorized();
    }
    if (!response.ok) {
      let message = '读取失败（' + response.status + '）';
      try {
        message = (await response.json()).message || message;
      } catch (e) { /* not JSON */ }
      throw new Error(message);
    }
    return response.json();
  }

  function text(element, value) {
    element.textContent = value;
    return element;
  }

  function el(tag, content, className) {
    const element = document.createElement(tag);
    if (content instanceof Node) {
      element.appendChild(content);
    } else if (content !== undefined && content !== null) {
      element.textContent = content;
    }
    if (className) {
      element.className = className;
    }
    return element;
  }

  function row(tbody, cells, labels) {
    const tr = document.createElement('tr');
    cells.forEach((content, i) => {
      const td = el('td', content);
      if (labels) {
        td.dataset.label = labels[i];
      }
      tr.appendChild(td);
    });
    tbody.appendChild(tr);
    return tr;
  }

  function labelsOf(table) {
    return Array.from(table.querySelectorAll('thead th')).map((th) => th.textContent);
  }

  function date(text) {
    // a due date is a calendar day (yyyy-MM-dd): shown as it is, never shifted by the browser's zone
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text || '');
    return m ? m[1] + '年' + Number(m[2]) + '月' + Number(m[3]) + '日' : (text || '');
  }

  function time(text) {
    return new Date(text).toLocaleString('zh-CN', {timeZone: ZONE, hour12: false});
  }

  function link(href, label) {
    const a = el('a', label);
    a.href = href;
    return a;
  }

  function chart(id) {
    const chart = echarts.init(document.getElementById(id), null, {renderer: 'canvas'});
    charts.push(chart);
    return chart;
  }

  // --- login ---

  // The webapps' CSRF token: the session's (once any webapp page or file was fetched), else a new one handed out by
  // the first request under /camunda that asks for it.
  async function xsrfToken() {
    const known = await fetch('/dashboard/webapp-token', {credentials: 'same-origin'});
    const token = known.ok ? (await known.json()).token : null;
    if (token) {
      return token;
    }
    const response = await fetch('/camunda/api/admin/auth/user/default', {credentials: 'same-origin',
      headers: {'X-XSRF-TOKEN': 'Fetch'}});
    return response.headers.get('X-XSRF-TOKEN');
  }

  function showLogin() {
    $('#content').hidden = true;
    $('#logout').hidden = true;
    $('#login').hidden = false;
    $('#username').focus();
  }

  $('#login-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const result = $('#login-result');
    const username = $('#username').value.trim();
    const password = $('#password').value;
    if (!username || !password) {
      text(result, '请输入用户名和密码。');
      return;
    }
    text(result, '');
    try {
      const token = await xsrfToken();
      const headers = {'Content-Type': 'application/x-www-form-urlencoded'};
      if (token) {
        headers['X-XSRF-TOKEN'] = token;
      }
      const response = await fetch('/camunda/api/admin/auth/user/default/login/tasklist', {method: 'POST',
        credentials: 'same-origin', headers: headers,
        body: new URLSearchParams({username: username, password: password}).toString()});
      if (response.ok) {
        $('#password').value = '';
        $('#login').hidden = true;
        await load();
        return;
      }
      let message = '用户名或密码不正确（连续输错多次会暂时锁定账号）。';
      if (response.status === 403) {
        try {
          message = (await response.json()).message || message;
        } catch (e) { /* Camunda's own answer */ }
      }
      text(result, message);
    } catch (e) {
      text(result, '登录失败：' + e.message);
    }
  });

  $('#logout').addEventListener('click', async () => {
    const token = await xsrfToken();
    await fetch('/camunda/api/admin/auth/user/default/logout', {method: 'POST', credentials: 'same-origin',
      headers: token ? {'X-XSRF-TOKEN': token} : {}});
    showLogin();
  });

  // --- views ---

  function totals(figures) {
    const section = $('#totals');
    section.replaceChildren();
    [['openTasks', '待办任务', false], ['overdueTasks', '逾期任务', true], ['openItems', '未销号整改事项', false],
      ['overdueItems', '逾期整改事项', true], ['escalatedItems', '被督办事项', true]].forEach(([key, label, warn]) => {
      const box = el('div', null, 'total' + (warn && figures[key] > 0 ? ' warn' : ''));
      box.id = 'total-' + key;
      box.appendChild(el('div', String(figures[key]), 'n'));
      box.appendChild(el('div', label, 't'));
      section.appendChild(box);
    });
  }

  // 中共青禾市河西镇李家村委员会 -> 河西镇李家村: the city's and the party's words add nothing inside the city's dashboard
  let cityPrefix = '';

  function shortName(name) {
    let n = name.replace(/^中共/, '');
    if (cityPrefix && n.startsWith(cityPrefix) && n.length > cityPrefix.length + 2) {
      n = n.slice(cityPrefix.length);
    }
    return n.replace(/工作委员会$/, '工委')
      .replace(/(党总支部委员会|党支部委员会|总支部委员会|支部委员会|党委员会|委员会|党委|党总支|党支部)$/, '') || name;
  }

  function heatColor(overdue, open) {
    if (overdue === 0) {
      return open === 0 ? '#d9e7d9' : '#7fb77e';
    }
    const share = Math.min(1, overdue / Math.max(open, 1));
    const light = Math.round(70 - share * 35);
    return 'hsl(0, 70%, ' + light + '%)';
  }

  function heatmap(data) {
    const nodes = {};
    const roots = [];
    data.organizations.forEach((o) => {
      const open = o.openTasks + o.openItems;
      const overdue = o.overdueTasks + o.overdueItems;
      nodes[o.id] = {name: shortName(o.name), fullName: o.name, id: o.id, own: {open: open, overdue: overdue}, children: []};
    });
    data.organizations.forEach((o) => {
      const parent = o.parentId && nodes[o.parentId];
      (parent ? parent.children : roots).push(nodes[o.id]);
    });
    function finish(node) {
      let open = node.own.open;
      let overdue = node.own.overdue;
      node.children.forEach((child) => {
        finish(child);
        open += child.total.open;
        overdue += child.total.overdue;
      });
      node.total = {open: open, overdue: overdue};
      // every organization gets an area (an empty one the smallest), so the tree stays readable
      node.value = Math.max(open, 0) + (node.children.length ? 0 : 0.3);
      node.itemStyle = {color: heatColor(overdue, open)};
      node.label = {color: overdue > 0 ? '#fff' : '#1f3a1f'};
      node.tooltip = node.fullName + '：待办 ' + open + '，逾期 ' + overdue;
      if (!node.children.length) {
        delete node.children;
      }
    }
    roots.forEach(finish);
    // the scope's own organization is the treemap itself: show what is below it
    const top = roots.length === 1 && roots[0].children ? roots[0].children : roots;
    const heat = chart('heatmap');
    heat.setOption({
      animation: false, // drawn at once: a glance, and screenshots that show what is there
      tooltip: {formatter: (p) => p.data && p.data.tooltip ? p.data.tooltip : p.name},
      series: [{type: 'treemap', data: top, roam: false, top: 4, left: 4, right: 4, bottom: 4, nodeClick: false, leafDepth: 2,
        breadcrumb: {show: false}, label: {show: true, formatter: '{b}', overflow: 'truncate'},
        // level 0 is the treemap's own root; 1 the towns (their names in a band above their organizations); 2 below
        levels: [{itemStyle: {borderWidth: 0, gapWidth: 3}},
          {itemStyle: {borderColor: '#5b6770', borderWidth: 2, gapWidth: 1},
            upperLabel: {show: true, height: 20, color: '#fff', fontWeight: 'bold'}},
          {itemStyle: {borderColor: '#fff', borderWidth: 1, gapWidth: 1}}]}]
    });
    heat.on('finished', () => {
      document.getElementById('heatmap').dataset.drawn = 'true';
    });
    heat.on('click', (p) => {
      if (p.data && p.data.id) {
        filterBy(p.data.id);
      }
    });
    const tbody = $('#hot-list tbody');
    tbody.replaceChildren();
    data.organizations.filter((o) => o.overdueTasks + o.overdueItems + o.escalatedItems > 0)
      .sort((a, b) => (b.overdueTasks + b.overdueItems) - (a.overdueTasks + a.overdueItems))
      .slice(0, 10)
      .forEach((o) => row(tbody, [shortName(o.name), o.openTasks, o.overdueTasks, o.openItems, o.overdueItems, o.escalatedItems]));
    $('#hot-list').hidden = tbody.children.length === 0;
  }

  function options(select, entries) {
    entries.forEach(([value, label]) => {
      const option = el('option', label);
      option.value = value;
      select.appendChild(option);
    });
  }

  function filterOptions(data) {
    const form = $('#filters');
    const towns = data.organizations.filter((o) => o.depth === 1 || (o.depth === 0 && !data.scope.wholeCity));
    form.town.replaceChildren(el('option', '全部'));
    form.town.firstChild.value = '';
    options(form.town, towns.map((o) => [o.id, shortName(o.name)]));
    if (form.domain.options.length === 1) {
      options(form.domain, Object.entries(DOMAIN));
      options(form.source, Object.entries(SOURCE));
      options(form.status, Object.entries(STATUS));
    }
  }

  function filterBy(organizationId) {
    const form = $('#filters');
    if (!Array.from(form.town.options).some((o) => o.value === organizationId)) {
      const organization = overview.organizations.find((o) => o.id === organizationId);
      options(form.town, [[organizationId, organization ? organization.name : organizationId]]);
    }
    form.town.value = organizationId;
    ledger();
    $('#ledger-card').scrollIntoView({behavior: 'smooth'});
  }

  function query() {
    const form = $('#filters');
    const params = new URLSearchParams();
    ['town', 'domain', 'source', 'status'].forEach((name) => {
      if (form[name].value) {
        params.set(name, form[name].value);
      }
    });
    if (form.overdue.checked) {
      params.set('overdue', 'true');
    }
    return params.toString();
  }

  async function ledger() {
    const q = query();
    $('#export-xlsx').href = '/api/rectifications/export.xlsx' + (q ? '?' + q : '');
    $('#export-csv').href = '/api/rectifications/export.csv' + (q ? '?' + q : '');
    const items = await get('/api/rectifications' + (q ? '?' + q : ''));
    const table = $('#ledger');
    const labels = labelsOf(table);
    const tbody = table.querySelector('tbody');
    tbody.replaceChildren();
    const today = overview.today;
    items.forEach((item) => {
      const done = item.status === 'CLOSED' || item.status === 'CANCELLED';
      const links = document.createDocumentFragment();
      if (!done && item.processInstanceId) {
        links.appendChild(link('/api/dashboard/items/' + item.id + '/task', '任务'));
        links.appendChild(link('/camunda/app/cockpit/default/#/process-instance/' + item.processInstanceId + '/runtime', '流程'));
      }
      links.appendChild(link('/evidence.html?item=' + item.id, '佐证材料'));
      const overdue = !done && item.dueDate < today;
      const tr = row(tbody, [String(item.id), item.organizationName ? shortName(item.organizationName) : item.organizationId, item.title,
        SOURCE[item.source] || item.source, el('span', date(item.dueDate), overdue ? 'overdue' : ''),
        el('span', STATUS[item.status] || item.status, 'status-' + item.status), links], labels);
      tr.dataset.item = item.id;
    });
    table.dataset.query = q;
    text($('#ledger-count'), items.length === 0 ? '没有符合条件的整改事项。'
      : '共 ' + items.length + ' 项' + (items.length >= 2000 ? '（只列出最新的 2000 项，请缩小筛选范围或导出）' : '') + '。');
  }

  function dutyReports(rounds) {
    $('#duty-empty').hidden = rounds.length > 0;
    $('#duty-chart').hidden = rounds.length === 0;
    if (!rounds.length) {
      return;
    }
    const shown = rounds.slice(0, 4).reverse();
    const statuses = Object.keys(REPORT_STATUS).filter((s) => shown.some((r) => r.byStatus[s]));
    const grades = ['好', '较好', '一般', '差'];
    const duty = chart('duty-chart');
    duty.setOption({
      animation: false, // drawn at once: a glance, and screenshots that show what is there
      tooltip: {trigger: 'axis'},
      legend: {type: 'scroll', top: 0},
      grid: {left: 40, right: 16, top: 48, bottom: 28, containLabel: true},
      xAxis: {type: 'category', data: shown.map((r) => r.label), axisLabel: {interval: 0, fontSize: 11}},
      yAxis: {type: 'value', minInterval: 1},
      series: statuses.map((s) => ({name: REPORT_STATUS[s], type: 'bar', stack: 'status',
        data: shown.map((r) => r.byStatus[s] || 0)}))
        .concat(grades.map((g) => ({name: '等次：' + g, type: 'bar', stack: 'grade',
          data: shown.map((r) => r.grades[g] || 0)})))
    });
  }

  function inspections(rounds) {
    const table = $('#inspections');
    const labels = labelsOf(table);
    const tbody = table.querySelector('tbody');
    tbody.replaceChildren();
    rounds.forEach((r) => {
      const severity = Object.entries(r.bySeverity).map(([k, n]) => (SEVERITY[k] || k) + ' ' + n).join('，');
      row(tbody, [r.year + '年第' + r.quarter + '季度', r.theme || '（方案制定中）', ROUND_STATUS[r.status] || r.status,
        r.inspected + ' / ' + r.targets, r.findings + (severity ? '（' + severity + '）' : ''), String(r.findingsClosed)], labels);
    });
    table.hidden = rounds.length === 0;
    $('#inspection-empty').hidden = rounds.length > 0;
  }

  function stars(data) {
    const summary = $('#star-summary');
    if (!data.year) {
      text(summary, '还没有年度考核结果（年终“党建杯”考核后显示）。');
      $('#star-chart').hidden = true;
      return;
    }
    const share = (data.shareThreeStarsOrMore * 100).toFixed(1);
    text(summary, data.year + '年：' + data.organizations + ' 个党组织，三星级以上占 ' + share + '%，目标 '
      + Math.round(data.target * 100) + '%，' + (data.targetMet ? '已达到目标。' : '未达到目标。'));
    const chartStars = chart('star-chart');
    chartStars.setOption({
      animation: false, // drawn at once: a glance, and screenshots that show what is there
      tooltip: {trigger: 'axis'},
      grid: {left: 40, right: 16, top: 24, bottom: 28, containLabel: true},
      xAxis: {type: 'category', data: [1, 2, 3, 4, 5].map((n) => n + '星级')},
      yAxis: {type: 'value', minInterval: 1},
      series: [{type: 'bar', name: '党组织', data: [1, 2, 3, 4, 5].map((n) => ({value: data.byStars[n] || 0,
        itemStyle: {color: n >= 3 ? '#c8161d' : '#bbb'}})), label: {show: true, position: 'top'}}]
    });
    const list = $('#short-list');
    list.replaceChildren();
    data.oneStepShort.forEach((o) => list.appendChild(el('li', o.organizationName + '（' + o.cupScore.toFixed(1) + ' 分）')));
    $('#short-title').hidden = data.oneStepShort.length === 0;
  }

  function escalations(events) {
    const list = $('#escalations');
    list.replaceChildren();
    events.forEach((e) => {
      const li = el('li');
      li.appendChild(el('span', time(e.at), 'when'));
      li.appendChild(el('span', ESCALATION_KIND[e.kind === 'PROCESS' ? e.processId : e.kind] || e.noticeKind || '督办', 'kind'));
      li.appendChild(document.createTextNode(e.organizationName + ' · ' + e.title + ' · ' + e.detail));
      list.appendChild(li);
    });
    $('#escalation-empty').hidden = events.length > 0;
  }

  async function load() {
    const error = $('#error');
    try {
      overview = await get('/api/dashboard/overview');
    } catch (e) {
      if (e instanceof Unauthorized) {
        showLogin();
        return;
      }
      $('#content').hidden = false;
      text(error, e.message).hidden = false;
      return;
    }
    charts.splice(0).forEach((c) => c.dispose());
    $('#login').hidden = true;
    $('#content').hidden = false;
    $('#logout').hidden = false;
    error.hidden = true;
    cityPrefix = (overview.scope.cityName || '').replace(/^中共/, '').replace(/委员会$/, '');
    text($('#scope'), (overview.scope.wholeCity ? '全市：' : '管辖范围：') + overview.scope.name);
    text($('#as-of'), date(overview.today));
    totals(overview.totals);
    heatmap(overview);
    filterOptions(overview);
    const parts = await Promise.allSettled([ledger(), get('/api/dashboard/duty-reports').then(dutyReports),
      get('/api/dashboard/inspections').then(inspections), get('/api/dashboard/stars').then(stars),
      get('/api/dashboard/escalations?limit=20').then(escalations)]);
    const failed = parts.filter((p) => p.status === 'rejected').map((p) => p.reason.message);
    if (failed.length) {
      text(error, '部分内容读取失败：' + failed.join('；')).hidden = false;
    }
    document.body.dataset.loaded = 'true';
  }

  $('#filters').addEventListener('submit', (event) => {
    event.preventDefault();
    ledger().catch((e) => text($('#error'), e.message).hidden = false);
  });
  window.addEventListener('resize', () => charts.forEach((c) => c.resize()));
  load();
})();
