/** Vietnamese strings of the notifications screen and the header bell (thông báo, nhắc việc). */
export const viNotifications = {
  'nav.notifications': 'Thông báo',
  'notifications.title': 'Thông báo',
  'notifications.hint': 'Văn bản mới, nhắc hạn nhiệm vụ và hạn nộp báo cáo của đơn vị bạn; mới nhất ở trên.',
  'notifications.empty': 'Chưa có thông báo nào',
  'notifications.open': 'Xem chi tiết',
  'notifications.more': 'Xem thêm',
  'notifications.bell': 'Thông báo: {n} trong {days} ngày qua',
} as const;
