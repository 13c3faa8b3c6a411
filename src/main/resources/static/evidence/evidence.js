// The evidence page of a rectification item (/evidence.html?item=<id>), opened from the Tasklist forms. It uses the
// Tasklist login (the session cookie); changes carry X-Requested-With, which the server requires of them.
(function () {
  const itemId = new URLSearchParams(location.search).get('item');
  const api = '/api/rectifications/' + encodeURIComponent(itemId) + '/evidence';
  const result = document.getElementById('result');
  const STATUS = {OPEN: '待整改', SUBMITTED: '待核验', REJECTED: '已退回', OVERDUE: '已逾期', ACCOUNTABILITY: '追责中',
    CLOSED: '已销号', CANCELLED: '已撤销'};

  function show(message, ok) {
    result.textContent = message;
    result.className = ok ? 'ok' : 'error';
  }

  async function failure(response) {
    if (response.status === 401) {
      return '请先登录任务列表，再打开本页面。';
    }
    try {
      return (await response.json()).message || ('操作失败（' + response.status + '）');
    } catch (e) {
      return '操作失败（' + response.status + '）';
    }
  }

  function size(bytes) {
    if (bytes >= 1024 * 1024) {
      return (bytes / 1024 / 1024).toFixed(1) + ' MB';
    }
    return bytes >= 1024 ? Math.ceil(bytes / 1024) + ' KB' : bytes + ' 字节';
  }

  function time(text) {
    return new Date(text).toLocaleString('zh-CN', {timeZone: 'Asia/Shanghai', hour12: false});
  }

  function cell(row, content) {
    const td = document.createElement('td');
    if (content instanceof Node) {
      td.appendChild(content);
    } else {
      td.textContent = content;
    }
    row.appendChild(td);
  }

  async function load() {
    if (!/^\d+$/.test(itemId || '')) {
      show('缺少整改事项编号，请从任务表单中的链接打开本页面。');
      return;
    }
    const response = await fetch(api, {credentials: 'same-origin'});
    if (!response.ok) {
      show(await failure(response));
      return;
    }
    const list = await response.json();
    document.getElementById('item').textContent = '整改事项 ' + list.itemId + '：' + list.title + '（' + (STATUS[list.status] || list.status) + '）';
    document.getElementById('upload').hidden = !list.editable;
    const body = document.querySelector('#files tbody');
    body.replaceChildren();
    for (const file of list.files) {
      const row = document.createElement('tr');
      const link = document.createElement('a');
      link.href = api + '/' + file.id;
      link.textContent = file.fileName;
      link.className = 'download';
      link.setAttribute('download', file.fileName);
      cell(row, link);
      cell(row, file.type === 'JPEG' || file.type === 'PNG' ? '图片' : file.type === 'PDF' ? 'PDF'
        : file.type === 'DOCX' || file.type === 'DOC' ? 'Word' : 'Excel');
      cell(row, size(file.size));
      cell(row, file.uploadedBy);
      cell(row, time(file.uploadedAt));
      if (list.editable) {
        const remove = document.createElement('button');
        remove.type = 'button';
        remove.className = 'remove';
        remove.textContent = '删除';
        remove.addEventListener('click', () => removeFile(file));
        cell(row, remove);
      } else {
        cell(row, '');
      }
      body.appendChild(row);
    }
    document.getElementById('files').hidden = list.files.length === 0;
    document.getElementById('empty').hidden = list.files.length !== 0;
  }

  async function removeFile(file) {
    if (!confirm('删除“' + file.fileName + '”？')) {
      return;
    }
    const response = await fetch(api + '/' + file.id, {method: 'DELETE', credentials: 'same-origin',
      headers: {'X-Requested-With': 'XMLHttpRequest'}});
    if (response.status === 204) {
      show('已删除“' + file.fileName + '”', true);
    } else {
      show(await failure(response));
    }
    await load();
  }

  document.getElementById('upload-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = document.getElementById('file');
    if (input.files.length === 0) {
      show('请选择要上传的文件');
      return;
    }
    const data = new FormData();
    for (const file of input.files) {
      data.append('file', file);
    }
    const button = document.getElementById('upload-button');
    button.disabled = true;
    show('正在上传……', true);
    try {
      const response = await fetch(api, {method: 'POST', body: data, credentials: 'same-origin',
        headers: {'X-Requested-With': 'XMLHttpRequest'}});
      if (response.status === 201) {
        const stored = await response.json();
        show('已上传 ' + stored.length + ' 个文件：' + stored.map(f => f.fileName).join('、'), true);
      } else {
        show(await failure(response));
      }
    } finally {
      // refused or not, the choice is done: a new one starts empty
      input.value = '';
      button.disabled = false;
    }
    await load();
  });

  load();
})();
