// Posts the password change to /api/account/password; the custom header marks it as sent by this page (the server
// refuses state-changing API requests from other sites).
document.getElementById('password-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target;
  const result = document.getElementById('result');
  result.className = '';
  if (form.newPassword.value !== form.repeatPassword.value) {
    result.textContent = '两次输入的新密码不一致';
    result.className = 'error';
    return;
  }
  const response = await fetch('/api/account/password', {
    method: 'POST',
    headers: {'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest'},
    body: JSON.stringify({
      userId: form.userId.value.trim(),
      currentPassword: form.currentPassword.value,
      newPassword: form.newPassword.value
    })
  });
  if (response.status === 204) {
    result.textContent = '密码已修改，请用新密码登录。';
    result.className = 'ok';
    form.reset();
    return;
  }
  let message = '修改失败（' + response.status + '）';
  try {
    message = (await response.json()).message || message;
  } catch (e) {
    // not JSON: keep the status
  }
  result.textContent = message;
  result.className = 'error';
});
