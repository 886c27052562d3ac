/** Every text of the field app: Vietnamese first, English second. */
import { formatMessage } from '../../shared/messages.ts';

const vi = {
  appName: 'Tổ CNSCĐ',
  appTitle: 'Ghi nhận hoạt động',
  loading: 'Đang tải…',
  offline: 'Đang ngoại tuyến – hoạt động được lưu trên máy và gửi khi có mạng.',
  firstVisitOnline: 'Lần đầu sử dụng cần có kết nối mạng để tải dữ liệu của tổ.',
  retry: 'Thử lại',
  language: 'English',

  loginTitle: 'Đăng nhập',
  username: 'Tên đăng nhập',
  password: 'Mật khẩu',
  loginSubmit: 'Đăng nhập',
  loginRequired: 'Nhập tên đăng nhập và mật khẩu.',
  logout: 'Đăng xuất',
  logoutPending: 'Còn {n} hoạt động chưa gửi. Chúng vẫn được giữ trên máy và sẽ gửi khi bạn đăng nhập lại. Đăng xuất?',
  sessionExpired: 'Phiên đăng nhập đã hết hạn. Đăng nhập lại để gửi các hoạt động đang chờ.',

  pwTitle: 'Đổi mật khẩu',
  pwMust: 'Đây là lần đăng nhập đầu tiên: hãy đặt mật khẩu mới của bạn.',
  pwCurrent: 'Mật khẩu hiện tại',
  pwNew: 'Mật khẩu mới',
  pwConfirm: 'Nhập lại mật khẩu mới',
  pwSubmit: 'Lưu mật khẩu',
  pwTooShort: 'Mật khẩu mới cần ít nhất 8 ký tự.',
  pwMismatch: 'Hai lần nhập mật khẩu mới không khớp.',

  logActivity: 'Ghi nhận hoạt động',
  noTeam: 'Tài khoản của bạn chưa thuộc tổ CNSCĐ nào. Liên hệ cán bộ xã để được thêm vào tổ.',
  queueTitle: 'Hoạt động trên máy',
  queueEmpty: 'Chưa có hoạt động nào. Bấm “Ghi nhận hoạt động” để bắt đầu.',
  sendNow: 'Gửi ngay',
  pendingCount: '{n} hoạt động đang chờ gửi',
  pendingNone: 'Không có hoạt động nào đang chờ gửi.',
  storagePersistent: 'Bộ nhớ máy: được giữ lâu dài, kể cả khi máy gần đầy.',
  storageBestEffort: 'Bộ nhớ máy: trình duyệt có thể xoá khi máy đầy. Hãy gửi khi có mạng, hoặc thêm ứng dụng vào màn hình chính.',
  storageUnknown: 'Bộ nhớ máy: trình duyệt không cho biết có giữ lâu dài hay không.',
  recentTitle: 'Hoạt động gần đây của tổ',
  photosCount: '{n} ảnh',
  photoRejected: '{n} ảnh không gửi được',
  remove: 'Xoá',
  removeConfirm: 'Xoá hoạt động này khỏi máy?',
  newDate: 'Chọn ngày khác cho hoạt động này',
  descriptionTooLong: 'Mô tả tối đa {max} ký tự',
  linkTooLong: 'Liên kết tối đa {max} ký tự',
  resendWithDate: 'Gửi lại với ngày này',

  stateWaiting: 'Đang chờ gửi',
  stateSending: 'Đang gửi',
  stateSent: 'Đã gửi',
  stateFailed: 'Gửi lỗi – sẽ thử lại',
  stateRejected: 'Không gửi được',

  formTitle: 'Ghi nhận hoạt động',
  back: 'Quay lại',
  team: 'Tổ',
  date: 'Ngày',
  dateInvalid: 'Ngày không hợp lệ: nhập theo dạng dd/mm/yyyy, ví dụ 05/03/2026.',
  dateLate: 'Ngày không được sau hôm nay ({date}).',
  datePick: 'Chọn ngày trên lịch',
  village: 'Thôn, ấp, tổ dân phố',
  indicators: 'Chỉ số',
  indicatorsHint: 'Chạm để chọn việc đã làm',
  count: 'Số lượng',
  countInvalid: 'Nhập số lượng là số nguyên từ 1 đến 100.000.',
  pickIndicator: 'Chọn ít nhất một chỉ số.',
  photos: 'Ảnh minh chứng',
  takePhoto: 'Chụp ảnh',
  choosePhoto: 'Chọn ảnh có sẵn',
  compressing: 'Đang nén ảnh…',
  photoTooMany: 'Tối đa {n} ảnh cho một hoạt động.',
  photoFailed: 'Không đọc được ảnh này.',
  removePhoto: 'Bỏ ảnh',
  description: 'Mô tả (không bắt buộc)',
  link: 'Liên kết bài viết (không bắt buộc)',
  linkInvalid: 'Liên kết phải bắt đầu bằng http:// hoặc https://',
  save: 'Lưu',
  saved: 'Đã lưu. Hoạt động sẽ được gửi khi có mạng.',
  storageFailed: 'Không lưu được vào bộ nhớ máy: {msg}',

  networkError: 'Không kết nối được máy chủ.',
  serverError: 'Lỗi máy chủ (HTTP {n}).',
  crashed: 'Ứng dụng gặp lỗi khi hiển thị. Các hoạt động đã lưu vẫn còn trên máy.',
  reload: 'Tải lại',

  reviewSubmitted: 'Chờ duyệt',
  reviewVerified: 'Đã duyệt',
  reviewReturned: 'Bị trả lại',
  loginAgain: 'Đăng nhập lại',
  correct: 'Sửa và gửi lại',
  correctTitle: 'Sửa hoạt động',
  reviewComment: 'Ý kiến của người duyệt:',
  refusedReason: 'Máy chủ không nhận:',
  resend: 'Lưu và gửi lại',
  resent: 'Đã lưu. Hoạt động sẽ được gửi lại để xã duyệt.',
  codeAsk: 'Quên mật khẩu? Dùng mã do xã cấp',
  codeTitle: 'Đăng nhập bằng mã',
  codeIntro: 'Nhập mã đăng nhập cán bộ xã gửi cho bạn (dùng một lần) và đặt mật khẩu mới.',
  codeFromLink: 'Đặt mật khẩu mới để đăng nhập (liên kết dùng một lần).',
  codeLabel: 'Mã đăng nhập',
  codeRequired: 'Nhập mã đăng nhập.',
  codeSubmit: 'Đăng nhập',
  notifyOn: 'Nhận thông báo trên máy này',
  notifyOnDone: 'Máy này sẽ nhận thông báo khi có hoạt động bị trả lại.',
  notifyBlocked: 'Trình duyệt đang chặn thông báo. Hãy cho phép thông báo trong cài đặt.',
};

/** A key of the dictionary. */
export type StringKey = keyof typeof vi;

const en: Record<StringKey, string> = {
  appName: 'CDT Team',
  appTitle: 'Log activity',
  loading: 'Loading…',
  offline: 'Offline – activities are saved on this device and sent when online.',
  firstVisitOnline: 'The first use needs a connection to download your team’s data.',
  retry: 'Retry',
  language: 'Tiếng Việt',

  loginTitle: 'Sign in',
  username: 'Username',
  password: 'Password',
  loginSubmit: 'Sign in',
  loginRequired: 'Enter your username and password.',
  logout: 'Sign out',
  logoutPending:
    '{n, plural, one {# activity is} other {# activities are}} not sent yet. They stay on this device and are sent when you sign in again. Sign out?',
  sessionExpired: 'Your session has expired. Sign in again to send the waiting activities.',

  pwTitle: 'Change password',
  pwMust: 'First sign-in: choose your own password.',
  pwCurrent: 'Current password',
  pwNew: 'New password',
  pwConfirm: 'Repeat the new password',
  pwSubmit: 'Save password',
  pwTooShort: 'The new password needs at least 8 characters.',
  pwMismatch: 'The two new passwords differ.',

  logActivity: 'Log activity',
  noTeam: 'Your account is not in any team yet. Ask your commune officer to add you.',
  queueTitle: 'Activities on this device',
  queueEmpty: 'No activity yet. Tap “Log activity” to start.',
  sendNow: 'Send now',
  pendingCount: '{n, plural, one {# activity} other {# activities}} waiting to be sent',
  pendingNone: 'Nothing is waiting to be sent.',
  storagePersistent: 'Device storage: kept, even when the phone is nearly full.',
  storageBestEffort:
    'Device storage: the browser may clear it when the phone is full. Send when online, or add the app to the home screen.',
  storageUnknown: 'Device storage: the browser does not say whether it is kept.',
  recentTitle: 'Recent team activities',
  photosCount: '{n, plural, one {# photo} other {# photos}}',
  photoRejected: '{n, plural, one {# photo} other {# photos}} could not be sent',
  remove: 'Delete',
  removeConfirm: 'Delete this activity from the device?',
  newDate: 'Pick another date for this activity',
  descriptionTooLong: 'Description: at most {max} characters',
  linkTooLong: 'Link: at most {max} characters',
  resendWithDate: 'Send again with this date',

  stateWaiting: 'Waiting to send',
  stateSending: 'Sending',
  stateSent: 'Sent',
  stateFailed: 'Failed – will retry',
  stateRejected: 'Not accepted',

  formTitle: 'Log activity',
  back: 'Back',
  team: 'Team',
  date: 'Date',
  dateInvalid: 'Not a date: type it as dd/mm/yyyy, e.g. 05/03/2026.',
  dateLate: 'The date cannot be after today ({date}).',
  datePick: 'Pick the date on a calendar',
  village: 'Village',
  indicators: 'Indicators',
  indicatorsHint: 'Tap what you did',
  count: 'Count',
  countInvalid: 'Enter a whole number from 1 to 100,000.',
  pickIndicator: 'Choose at least one indicator.',
  photos: 'Evidence photos',
  takePhoto: 'Take photo',
  choosePhoto: 'Choose photo',
  compressing: 'Compressing photo…',
  photoTooMany: 'At most {n} photos per activity.',
  photoFailed: 'Could not read this photo.',
  removePhoto: 'Remove photo',
  description: 'Description (optional)',
  link: 'News link (optional)',
  linkInvalid: 'Links start with http:// or https://',
  save: 'Save',
  saved: 'Saved. The activity is sent when online.',
  storageFailed: 'Could not save on this device: {msg}',

  networkError: 'Cannot reach the server.',
  serverError: 'Server error (HTTP {n}).',
  crashed: 'The app failed to display. Saved activities are still on this device.',
  reload: 'Reload',

  reviewSubmitted: 'Awaiting review',
  reviewVerified: 'Verified',
  reviewReturned: 'Returned',
  loginAgain: 'Sign in again',
  correct: 'Correct and resend',
  correctTitle: 'Correct activity',
  reviewComment: "Reviewer's comment:",
  refusedReason: 'Not accepted by the server:',
  resend: 'Save and resend',
  resent: 'Saved. The activity will be sent again for review.',
  codeAsk: 'Forgot your password? Sign in with a code from the commune',
  codeTitle: 'Sign in with a code',
  codeIntro: 'Enter the login code the commune sent you (single use) and set a new password.',
  codeFromLink: 'Set a new password to sign in (the link works once).',
  codeLabel: 'Login code',
  codeRequired: 'Enter the login code.',
  codeSubmit: 'Sign in',
  notifyOn: 'Get notifications on this device',
  notifyOnDone: 'This device will be notified when an activity is sent back.',
  notifyBlocked: 'The browser blocks notifications. Allow them in the settings.',
};

/** Supported languages, Vietnamese first. */
export type Lang = 'vi' | 'en';
const dictionaries: Record<Lang, Record<StringKey, string>> = { vi, en };
let current: Lang = 'vi';

/** Sets the language used by {@link t}. */
export function setLang(lang: Lang): void {
  current = lang;
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}

/** The current language. */
export function getLang(): Lang {
  return current;
}

/** The text for `key` in the current language, placeholders filled and plurals chosen. */
export function t(key: StringKey, params?: Record<string, string | number>): string {
  return formatMessage(dictionaries[current][key], params, current);
}
