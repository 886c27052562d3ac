/** Vietnamese strings of the data-integrity screens: import changes, possible duplicates, villages declared, closed periods. */
export const viIntegrity = {
  'import.changesTitle': 'Những người thay đổi khi nhập',
  'import.changesIntro': 'Kiểm tra danh sách: người mới, người đổi chức vụ, người vào thêm tổ khác và người trở lại sau khi đã rời tổ.',
  'import.change.new': 'Người mới ({n})',
  'import.change.role': 'Đổi chức vụ ({n})',
  'import.change.team': 'Vào thêm tổ khác ({n})',
  'import.change.rejoin': 'Trở lại sau khi đã rời tổ ({n})',
  'import.changeMore': 'và {n} người khác (xem đủ bằng dòng lệnh hoặc tệp Excel)',
  'import.changeTeam': 'Tổ',
  'import.changeName': 'Họ tên',
  'import.changeWhat': 'Thay đổi',
  'import.confirmChanges': 'Tôi đã xem danh sách thay đổi ở trên và đồng ý nhập đúng như vậy',
} as const;
