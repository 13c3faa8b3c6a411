// Reads and changes the user's own switch at /api/account/mail-preferences with HTTP Basic (the user name and
// password typed here); the custom header marks the change as sent by this page (the server refuses state-changing
// API requests from other sites).
(function () {
  const loginForm = document.getElementById('login-form');
  const preferenceForm = document.getElementById('preference-form');
  const result = document.getElementById('result');
  let authorization = null;

  function show(message, kind) {
    result.textContent = message;
    result.className = kind;
  }

  async function failure(response) {
    let message = '操作失败（' + response.status + '）';
    try {
      message = (await response.json()).message || message;
    } catch (e) {
      // not JSON: keep the status
    }
    return message;
  }

  function basic(user, password) {
    const bytes = new TextEncoder().encode(user + ':' + password);
    return 'Basic ' + btoa(String.fromCharCode.apply(null, Array.from(bytes)));
  }

  loginForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    authorization = basic(loginForm.userId.value.trim(), loginForm.password.value);
    const response = await fetch('/api/account/mail-preferences', {headers: {'Authorization': authorization}});
    if (response.status !== 200) {
      show(await failure(response), 'error');
      return;
    }
    const preference = await response.json();
    preferenceForm.assignmentMails.checked = preference.assignmentMails;
    loginForm.hidden = true;
    preferenceForm.hidden = false;
    show(preference.assignmentMails ? '当前：接收新任务通知和待办汇总。' : '当前：不接收新任务通知和待办汇总。', 'ok');
  });

  preferenceForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const response = await fetch('/api/account/mail-preferences', {
      method: 'PUT',
      headers: {'Authorization': authorization, 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest'},
      body: JSON.stringify({assignmentMails: preferenceForm.assignmentMails.checked})
    });
    if (response.status !== 200) {
      show(await failure(response), 'error');
      return;
    }
    const preference = await response.json();
    show(preference.assignmentMails ? '已保存：接收新任务通知和待办汇总。' : '已保存：不再发送新任务通知和待办汇总（期限提醒和督办邮件照常发送）。', 'ok');
  });
})();
