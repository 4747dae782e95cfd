/**
 * The page behind the one-time setup link printed at first start. Plain HTML with no script
 * from outside, so it works before the UI is built and on a LAN with no Internet. Its script
 * and style are files of their own: the Content-Security-Policy allows no inline script.
 */
export const setupPage = `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tiếp Sức — Đặt mật khẩu quản trị</title>
<link rel="stylesheet" href="/setup.css">
</head>
<body>
<h1>Đặt mật khẩu cho tài khoản <code>admin</code></h1>
<p>Tài khoản cán bộ CNTT đầu tiên. Liên kết này chỉ dùng được một lần.<br>
<span class="en">Set the password of the first technician account. This link works once.</span></p>
<form id="f">
  <label for="p1">Mật khẩu mới (ít nhất 10 ký tự) <span class="en">New password</span></label>
  <input id="p1" type="password" autocomplete="new-password" minlength="10" required>
  <label for="p2">Nhập lại mật khẩu <span class="en">Repeat it</span></label>
  <input id="p2" type="password" autocomplete="new-password" minlength="10" required>
  <button>Lưu mật khẩu</button>
</form>
<p id="msg" role="status"></p>
<script src="/setup.js" defer></script>
</body>
</html>
`;

export const setupStyle = `
  body { font-family: system-ui, sans-serif; max-width: 32rem; margin: 3rem auto; padding: 0 1rem; color: #1a1a1a; }
  h1 { font-size: 1.5rem; }
  label { display: block; margin: 1rem 0 .25rem; font-weight: 600; }
  input { width: 100%; font-size: 1.1rem; padding: .6rem; box-sizing: border-box; }
  button { margin-top: 1.25rem; font-size: 1.1rem; padding: .7rem 1.4rem; background: #b3261e; color: #fff; border: 0; border-radius: .4rem; }
  .en { color: #555; font-size: .9rem; }
  #msg { margin-top: 1rem; font-weight: 600; }
`;

export const setupScript = `
  const f = document.getElementById('f'), msg = document.getElementById('msg');
  f.addEventListener('submit', async (e) => {
    e.preventDefault();
    const p1 = document.getElementById('p1').value, p2 = document.getElementById('p2').value;
    if (p1 !== p2) { msg.textContent = 'Hai mật khẩu không khớp.'; return; }
    const res = await fetch('/api/auth/setup', { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: location.hash.slice(1), password: p1 }) });
    const body = await res.json();
    msg.textContent = res.ok ? 'Đã lưu. Hãy đăng nhập bằng tài khoản admin.' : body.message;
    if (res.ok) f.remove();
  });
`;
