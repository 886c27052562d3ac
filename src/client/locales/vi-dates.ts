/** Vietnamese strings of the date fields (dd/mm/yyyy whatever the browser's language). */
export const viDates = {
  'date.placeholder': 'dd/mm/yyyy',
  'date.invalid': 'Ngày không hợp lệ: nhập theo dạng dd/mm/yyyy, ví dụ 05/03/2026',
  'date.tooEarly': 'Ngày phải từ {date} trở đi',
  'date.tooLate': 'Ngày không được sau {date}',
  'date.pick': 'Chọn trên lịch',
} as const;
