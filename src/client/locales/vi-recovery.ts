/** Vietnamese strings of password recovery: "Quên mật khẩu", the reset page, one-time login codes. */
export const viRecovery = {
  'recovery.forgot': 'Quên mật khẩu?',
  'recovery.title': 'Lấy lại mật khẩu',
  'recovery.intro':
    'Nhập tên đăng nhập hoặc email. Nếu tài khoản có email, bạn sẽ nhận được liên kết đặt mật khẩu mới. Tổ viên không có email hãy nhờ cán bộ xã cấp mã đăng nhập.',
  'recovery.login': 'Tên đăng nhập hoặc email',
  'recovery.send': 'Gửi liên kết',
  'recovery.back': 'Quay lại đăng nhập',
  'recovery.newTitle': 'Đặt mật khẩu mới',
  'recovery.noToken': 'Liên kết không đầy đủ. Hãy mở lại liên kết trong email.',
  'recovery.submit': 'Lưu mật khẩu và đăng nhập',
  'loginCode.button': 'Cấp mã đăng nhập một lần',
  'loginCode.title': 'Mã đăng nhập cho {name}',
  'loginCode.intro':
    'Mã dùng được một lần, hết hạn lúc {time}. Tổ viên quét mã QR hoặc nhập mã trong ứng dụng ghi nhận rồi đặt mật khẩu mới. Mã cũ (nếu có) không còn dùng được.',
  'loginCode.code': 'Mã',
  'loginCode.qr': 'Mã QR đăng nhập',
  'loginCode.message':
    'Chào {name}, đây là mã đăng nhập ứng dụng Tổ CNSCĐ của bạn: {code} (tên đăng nhập {username}), dùng một lần, hết hạn lúc {time}. Mở {url} để đặt mật khẩu mới.',
  'loginCode.copy': 'Sao chép tin nhắn',
  'loginCode.share': 'Chia sẻ (Zalo…)',
  'loginCode.zalo': 'Mở Zalo với {phone}',
} as const;
