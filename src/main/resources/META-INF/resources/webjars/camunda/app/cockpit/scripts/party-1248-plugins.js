/*
 * 1248 党建责任制: Cockpit plugins (Camunda 7.14+ frontend plugin API: an ES module whose default export lists the
 * plugins; loaded through config.js customScripts). Each plugin renders plain DOM; every text from the server is set
 * as text, never as HTML. What users wrote (titles, descriptions, the history's details, file names) is marked
 * data-user-text: any language may be in it.
 *
 * - 事项详情 (cockpit.processInstance.runtime.tab): the ledger item of a rectification instance (its business key is
 *   the item id): organization, title, severity, status, due date, its history with people's names, evidence files
 *   with download links, and its open steps with who holds them (people by name, groups by organization); for
 *   the other processes the organization and the open steps.
 * - 事项一览 (cockpit.processDefinition.runtime.tab): a definition's running instances with organization and title
 *   (rectification: from the ledger, numbered by the instance's business key ZG-2026-0007), each linking to its
 *   instance page.
 * - 我的督查范围 (cockpit.dashboard): the caller's scope at a glance, by organization (GET /api/dashboard/overview).
 *
 * Dates: a due date is the city's calendar day as the ledger stores it (YYYY-MM-DD, shown as is, in no browser zone);
 * a moment (history) is shown in the city's time, CITY_TIME_ZONE, whatever the browser's zone. The /api paths accept
 * the webapp's login for GET (organization/WebappSession).
 */

const CITY_TIME_ZONE = 'Asia/Shanghai';

const SEVERITY = { LOW: '一般', MEDIUM: '较重', HIGH: '严重' };
const STATUS = {
  OPEN: '待整改', SUBMITTED: '待核验', REJECTED: '已退回', OVERDUE: '已逾期',
  ACCOUNTABILITY: '追责中', CLOSED: '已销号', CANCELLED: '已撤销'
};
const SOURCE = { INSPECTION: '专项督查', DUTY_REVIEW: '述职评议', SURVEY: '满意度测评', ASSESSMENT: '考核评价', OTHER: '其他' };
const EVENT = {
  CREATED: '立项', SUBMITTED: '提交整改情况', REJECTED: '核验退回', ACCEPTED: '核验通过', REMINDED: '到期提醒',
  ESCALATED: '督办', ACCOUNTABILITY: '追责', CLOSED: '销号', EXTENDED: '延长期限', CANCELLED: '撤销',
  REOPENED: '重新打开', ADMINISTERED: '管理员操作', EVIDENCE_ADDED: '上传佐证材料', EVIDENCE_REMOVED: '删除佐证材料',
  VERIFIERS_CHANGED: '核验组调整'
};
const FINISHED = ['CLOSED', 'CANCELLED'];

/** An element with attributes and children (strings become text nodes). */
function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([name, value]) => {
    if (value !== null && value !== undefined) {
      node.setAttribute(name, value);
    }
  });
  children.flat().forEach((child) => {
    if (child !== null && child !== undefined) {
      node.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
    }
  });
  return node;
}

async function getJson(url) {
  const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!response.ok) {
    const error = new Error(String(response.status));
    error.status = response.status;
    throw error;
  }
  return response.json();
}

let organizations = null;

/** The organizations the directory lists, by id (names for tenant ids). */
function organizationsById() {
  if (!organizations) {
    organizations = getJson('/api/organizations')
      .then((list) => new Map(list.map((o) => [o.id, o])))
      .catch(() => new Map());
  }
  return organizations;
}

async function organizationName(id) {
  const organization = (await organizationsById()).get(id);
  return organization ? organization.name : id;
}

/** Names of these users from the directory (GET /api/people), by user id; a user it does not list keeps the id. */
async function peopleNames(userIds) {
  const ids = [...new Set(userIds.filter(Boolean))];
  if (!ids.length) {
    return new Map();
  }
  const query = ids.map((id) => `userId=${encodeURIComponent(id)}`).join('&');
  const names = await getJson(`/api/people?${query}`).catch(() => ({}));
  return new Map(ids.map((id) => [id, names[id] || id]));
}

/** Who a candidate group is: the organization department, the inspectors, an organization's staff. */
async function groupName(groupId) {
  if (groupId === 'org-dept') {
    return '市委组织部';
  }
  if (groupId === 'inspectors') {
    return '督查组';
  }
  if (groupId.startsWith('staff-')) {
    return `${await organizationName(groupId.substring('staff-'.length))}工作人员`;
  }
  return groupId;
}

/** The instance's open steps: name, who holds it (assignee, else the candidate groups), due day. */
async function openSteps(api, processInstanceId) {
  const tasks = await getJson(`${api.engineApi}/task?processInstanceId=${encodeURIComponent(processInstanceId)}&maxResults=50`)
    .catch(() => []);
  const names = await peopleNames(tasks.map((task) => task.assignee));
  const rows = await Promise.all(tasks.map(async (task) => {
    let holder = task.assignee ? names.get(task.assignee) : '';
    if (!task.assignee) {
      const links = await getJson(`${api.engineApi}/task/${encodeURIComponent(task.id)}/identity-links?type=candidate`).catch(() => []);
      const groups = await Promise.all(links.filter((l) => l.groupId).map((l) => groupName(l.groupId)));
      holder = groups.length ? `待认领：${groups.join('、')}` : '待认领';
    }
    return el('tr', {}, el('td', {}, task.name || ''), el('td', {}, holder), el('td', {}, dueDay(task.due)));
  }));
  return rows.length ? table(['环节', '办理人', '期限'], rows) : el('p', { class: 'party1248-note' }, '没有待办环节。');
}

/** A calendar day of the ledger ("2026-12-11") as 2026年12月11日, without any time zone. */
function calendarDay(isoDate) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate || '');
  return match ? `${match[1]}年${Number(match[2])}月${Number(match[3])}日` : (isoDate || '');
}

function cityParts(instant) {
  const parts = {};
  new Intl.DateTimeFormat('en-US', {
    timeZone: CITY_TIME_ZONE, year: 'numeric', month: 'numeric', day: 'numeric',
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23'
  }).formatToParts(new Date(instant)).forEach((p) => { parts[p.type] = p.value; });
  return parts;
}

/** A moment in the city's time: 2026年11月27日 08:48. */
function cityTime(instant) {
  if (!instant) {
    return '';
  }
  const p = cityParts(instant);
  return `${p.year}年${Number(p.month)}月${Number(p.day)}日 ${p.hour}:${p.minute}`;
}

/** A task's due date as its calendar day: deadlines are stored as the city's midnight after the due day. */
function dueDay(instant) {
  if (!instant) {
    return '';
  }
  const p = cityParts(new Date(new Date(instant).getTime() - 1));
  return `${p.year}年${Number(p.month)}月${Number(p.day)}日`;
}

function todayInCity() {
  const p = cityParts(Date.now());
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

function instanceLink(processInstanceId, text) {
  return el('a', { href: `#/process-instance/${encodeURIComponent(processInstanceId)}/runtime` }, text);
}

function fileSize(bytes) {
  return bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function table(headers, rows, className) {
  return el('table', { class: `cam-table party1248-table ${className || ''}` },
    el('thead', {}, el('tr', {}, headers.map((h) => el('th', {}, h)))),
    el('tbody', {}, rows));
}

function fields(pairs) {
  return el('dl', { class: 'party1248-fields' },
    pairs.flatMap(([label, value, attributes]) => [el('dt', {}, label), el('dd', attributes || {}, value)]));
}

function message(node, text) {
  node.replaceChildren(el('p', { class: 'party1248-note' }, text));
}

const STYLE = `
.party1248 { padding: 10px 15px; }
.party1248 h4 { margin: 18px 0 8px; font-weight: bold; }
.party1248-fields { display: grid; grid-template-columns: 7em 1fr; gap: 4px 12px; margin: 0; }
.party1248-fields dt { font-weight: normal; color: #666; }
.party1248-fields dd { margin: 0; white-space: pre-wrap; }
.party1248-table td { white-space: pre-wrap; vertical-align: top; }
.party1248-history td:nth-child(-n+3), .party1248-history th { white-space: nowrap; }
.party1248-note { color: #666; padding: 10px 15px; }
.party1248-overdue { color: #b5152b; font-weight: bold; }
.party1248-scope td.number, .party1248-scope th.number { text-align: right; }
.party1248-scope .depth-1 td:first-child { padding-left: 2em; }
.party1248-scope .depth-2 td:first-child { padding-left: 4em; }
.party1248-scope .depth-3 td:first-child { padding-left: 6em; }
`;

function ensureStyle() {
  if (!document.getElementById('party1248-style')) {
    document.head.appendChild(el('style', { id: 'party1248-style' }, STYLE));
  }
}

// ---- 事项详情 ----

async function rectificationDetail(node, instance, api) {
  let item;
  try {
    // business key ZG-2026-0007 (or a bare id, instances started before): the ledger id is its last number
    const id = /^(?:ZG-\d{4}-)?0*(\d+)$/.exec(instance.businessKey || '');
    if (!id) {
      throw new Error('not a rectification business key');
    }
    item = await getJson(`/api/rectifications/${id[1]}`);
  } catch (e) {
    message(node, '未能读取该整改事项的台账记录。');
    return;
  }
  const overdue = !FINISHED.includes(item.status) && item.dueDate < todayInCity();
  const [organization, issuer] = await Promise.all([
    organizationName(item.organizationId),
    item.issuingOrganizationId ? organizationName(item.issuingOrganizationId) : Promise.resolve('')
  ]);
  const steps = await openSteps(api, instance.id);
  let evidence = { files: [] };
  try {
    evidence = await getJson(`/api/rectifications/${item.id}/evidence`);
  } catch (e) {
    evidence = null;
  }
  const history = (item.history || []).map((event) => el('tr', {},
    el('td', {}, cityTime(event.at)),
    el('td', {}, EVENT[event.type] || event.type),
    el('td', {}, event.actorName || (event.actor ? event.actor : '系统')),
    el('td', { 'data-user-text': '' }, event.detail || '')));
  const files = evidence && evidence.files.length
    ? table(['文件', '大小', '上传时间'], evidence.files.map((f) => el('tr', {},
      el('td', { 'data-user-text': '' }, el('a', { href: `/api/rectifications/${item.id}/evidence/${f.id}`, download: f.fileName }, f.fileName)),
      el('td', {}, fileSize(f.size)),
      el('td', {}, cityTime(f.uploadedAt)))))
    : el('p', { class: 'party1248-note' }, evidence ? '尚未上传佐证材料。' : '未能读取佐证材料。');
  node.replaceChildren(el('div', { class: 'party1248', 'data-item-id': item.id },
    fields([
      ['台账编号', instance.businessKey || String(item.id), { 'data-field': 'key' }],
      ['组织', organization, { 'data-field': 'organization' }],
      ['标题', item.title, { 'data-field': 'title', 'data-user-text': '' }],
      ['问题描述', item.description || '', { 'data-user-text': '' }],
      ['来源', `${SOURCE[item.source] || item.source}${item.sourceRef ? `（${item.sourceRef}）` : ''}`],
      ['交办组织', issuer],
      ['严重程度', SEVERITY[item.severity] || item.severity],
      ['状态', STATUS[item.status] || item.status, { 'data-field': 'status' }],
      ['整改期限', el('span', { class: overdue ? 'party1248-overdue' : null }, calendarDay(item.dueDate), overdue ? '（已逾期）' : ''),
        { 'data-field': 'dueDate' }],
      ['退回次数', String(item.rejections)]
    ]),
    el('h4', {}, '当前环节'),
    steps,
    el('h4', {}, '办理经过'),
    table(['时间（北京时间）', '环节', '办理人', '说明'], history, 'party1248-history'),
    el('h4', {}, '佐证材料'),
    files));
}

async function processDetail(node, instance, api, definitionName) {
  const [organization, steps] = await Promise.all([organizationName(instance.tenantId), openSteps(api, instance.id)]);
  node.replaceChildren(el('div', { class: 'party1248' },
    fields([
      ['流程', definitionName],
      ['组织', organization, { 'data-field': 'organization' }],
      ['业务键', instance.businessKey || '']
    ]),
    el('h4', {}, '当前环节'),
    steps));
}

const itemTab = {
  id: 'party1248-item-detail',
  pluginPoint: 'cockpit.processInstance.runtime.tab',
  priority: 30,
  properties: { label: '事项详情' },
  render(node, { api, processInstanceId }) {
    ensureStyle();
    message(node, '正在读取……');
    (async () => {
      try {
        const instance = await getJson(`${api.engineApi}/process-instance/${encodeURIComponent(processInstanceId)}`);
        const definition = await getJson(`${api.engineApi}/process-definition/${encodeURIComponent(instance.definitionId)}`);
        if (definition.key === 'rectification') {
          await rectificationDetail(node, instance, api);
        } else {
          await processDetail(node, instance, api, definition.name || definition.key);
        }
      } catch (e) {
        message(node, '未能读取事项详情。');
      }
    })();
  }
};

// ---- 事项一览 ----

/** The organization the 事项一览 tab is limited to (?organization= in Cockpit's address, from the dashboard), or null. */
function organizationFilter() {
  return new URLSearchParams(window.location.hash.split('?')[1] || '').get('organization');
}

/** The business keys of these instances (ZG-2026-0007, RectificationService.businessKey), by instance id, 50 at a time. */
async function businessKeys(api, processInstanceIds) {
  const chunks = [];
  for (let i = 0; i < processInstanceIds.length; i += 50) {
    chunks.push(processInstanceIds.slice(i, i + 50));
  }
  const instances = await Promise.all(chunks.map((chunk) => getJson(`${api.engineApi}/process-instance`
    + `?processInstanceIds=${encodeURIComponent(chunk.join(','))}&maxResults=${chunk.length}`).catch(() => [])));
  return new Map(instances.flat().map((instance) => [instance.id, instance.businessKey]));
}

async function rectificationList(node, api, definitionId) {
  const only = organizationFilter();
  const items = (await getJson(`/api/rectifications${only ? `?organizationId=${encodeURIComponent(only)}` : ''}`))
    .filter((item) => !FINISHED.includes(item.status) && item.processInstanceId);
  const keys = await businessKeys(api, items.map((item) => item.processInstanceId));
  const today = todayInCity();
  const rows = await Promise.all(items.map(async (item) => {
    const overdue = item.dueDate < today;
    return el('tr', {},
      el('td', {}, instanceLink(item.processInstanceId, keys.get(item.processInstanceId) || String(item.id))),
      el('td', {}, item.organizationName || await organizationName(item.organizationId)),
      el('td', { 'data-user-text': '' }, instanceLink(item.processInstanceId, item.title)),
      el('td', {}, SEVERITY[item.severity] || item.severity),
      el('td', {}, STATUS[item.status] || item.status),
      el('td', { class: overdue ? 'party1248-overdue' : null }, calendarDay(item.dueDate)));
  }));
  const all = `#/process-definition/${encodeURIComponent(definitionId)}/runtime?detailsTab=party1248-instances`;
  node.replaceChildren(el('div', { class: 'party1248' },
    el('p', {}, only
      ? [`${await organizationName(only)}未销号的整改事项 ${rows.length} 项　`, el('a', { href: all }, '显示全部')]
      : `未销号的整改事项 ${rows.length} 项（您有权查看的组织）`),
    rows.length ? table(['台账编号', '组织', '标题', '严重程度', '状态', '整改期限'], rows) : ''));
}

async function instanceList(node, api, definitionId) {
  const instances = await getJson(`${api.engineApi}/process-instance?processDefinitionId=${encodeURIComponent(definitionId)}`
    + '&sortBy=businessKey&sortOrder=asc&maxResults=500');
  const rows = await Promise.all(instances.map(async (instance) => el('tr', {},
    el('td', {}, instanceLink(instance.id, await organizationName(instance.tenantId))),
    el('td', {}, instance.businessKey || ''),
    el('td', {}, instance.suspended ? '已暂停' : '进行中'))));
  node.replaceChildren(el('div', { class: 'party1248' },
    el('p', {}, `运行中的实例 ${rows.length} 个（您有权查看的组织）`),
    rows.length ? table(['组织', '业务键', '状态'], rows) : ''));
}

const instancesTab = {
  id: 'party1248-instances',
  pluginPoint: 'cockpit.processDefinition.runtime.tab',
  priority: 30,
  properties: { label: '事项一览' },
  render(node, { api, processDefinitionId }) {
    ensureStyle();
    message(node, '正在读取……');
    (async () => {
      try {
        if (processDefinitionId.split(':')[0] === 'rectification') {
          await rectificationList(node, api, processDefinitionId);
        } else {
          await instanceList(node, api, processDefinitionId);
        }
      } catch (e) {
        message(node, '未能读取实例列表。');
      }
    })();
  }
};

// ---- 我的督查范围 ----

function number(value, attributes) {
  return el('td', Object.assign({ class: 'number' }, attributes || {}), String(value || 0));
}

/** The organizations of the scope with their own figures; an organization with open items links to them. */
function scopeTable(overview, itemsOf) {
  const rows = overview.organizations.map((o) => el('tr', { class: `depth-${Math.min(o.depth || 0, 3)}`, 'data-organization': o.id },
    el('td', {}, o.openItems && itemsOf ? el('a', { href: itemsOf(o.id) }, o.name) : o.name),
    number(o.openTasks),
    number(o.overdueTasks, o.overdueTasks ? { class: 'number party1248-overdue' } : null),
    number(o.openItems),
    number(o.overdueItems, o.overdueItems ? { class: 'number party1248-overdue' } : null),
    number(o.escalatedItems)));
  const t = overview.totals;
  return el('table', { class: 'cam-table party1248-table party1248-scope' },
    el('thead', {}, el('tr', {}, el('th', {}, '组织'), ['待办任务', '逾期任务', '未销号整改', '逾期整改', '被督办整改']
      .map((h) => el('th', { class: 'number' }, h)))),
    el('tbody', {}, rows),
    el('tfoot', {}, el('tr', { 'data-totals': 'true' }, el('th', {}, '合计'),
      [t.openTasks, t.overdueTasks, t.openItems, t.overdueItems, t.escalatedItems].map((v) => el('th', { class: 'number' }, String(v || 0))))));
}

const scopeDashboard = {
  id: 'party1248-scope',
  pluginPoint: 'cockpit.dashboard',
  priority: 100,
  properties: { label: '我的督查范围' },
  render(node, { api }) {
    ensureStyle();
    message(node, '正在读取……');
    (async () => {
      try {
        const [overview, definitions] = await Promise.all([
          getJson('/api/dashboard/overview'),
          getJson(`${api.engineApi}/process-definition?key=rectification&latestVersion=true&maxResults=1`).catch(() => [])
        ]);
        const itemsOf = definitions.length ? (organizationId) => `#/process-definition/${encodeURIComponent(definitions[0].id)}`
          + `/runtime?detailsTab=party1248-instances&organization=${encodeURIComponent(organizationId)}` : null;
        node.replaceChildren(el('section', { class: 'party1248 party1248-dashboard' },
          el('h3', {}, `${overview.scope.name}${overview.scope.wholeCity ? '（全市）' : ''}`),
          el('p', {}, `今天是${calendarDay(overview.today)}（北京时间）。各组织的数字是其自身的，不含下级。　`,
            el('a', { href: '#/processes' }, '全部流程'), '　',
            el('a', { href: '/dashboard/', target: '_blank', rel: 'noopener' }, '督查看板和整改台账')),
          scopeTable(overview, itemsOf)));
      } catch (e) {
        message(node, e.status === 404 ? '督查范围概览暂不可用。' : '未能读取督查范围概览。');
      }
    })();
  }
};

export default [itemTab, instancesTab, scopeDashboard];
