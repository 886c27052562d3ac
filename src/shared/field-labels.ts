/**
 * What users call the fields of the API's bodies and queries, so that a validation message names
 * the field as the user sees it ("Họ tên tối đa 120 ký tự"), never its key ("fullName").
 */
const FIELD_LABELS: Readonly<Record<string, string>> = {
  action: 'Thao tác',
  actor: 'Người thực hiện',
  affiliationDetail: 'Chi tiết đơn vị công tác',
  amount: 'Số tiền',
  answer: 'Nội dung trả lời',
  birthYear: 'Năm sinh',
  body: 'Nội dung',
  cccd: 'Số CCCD',
  code: 'Mã',
  comment: 'Nhận xét',
  currentPassword: 'Mật khẩu hiện tại',
  cursor: 'Trang',
  date: 'Ngày',
  decisionIssuer: 'Cơ quan ban hành',
  decisionLegalBases: 'Căn cứ pháp lý',
  decisionNumber: 'Số quyết định',
  decisionSigner: 'Người ký',
  departmentName: 'Tên sở phụ trách',
  description: 'Mô tả',
  displayName: 'Tên hiển thị',
  dissolvedReason: 'Lý do giải thể',
  dueDay: 'Số ngày sau kỳ',
  entityId: 'Mã đối tượng',
  entityType: 'Loại đối tượng',
  excerpt: 'Trích yếu',
  firstPeriod: 'Kỳ đầu tiên',
  fullName: 'Họ tên',
  indicator: 'Chỉ số',
  issuedOnText: 'Ngày ban hành',
  link: 'Liên kết',
  links: 'Liên kết',
  name: 'Tên',
  nameEn: 'Tên tiếng Anh',
  newPassword: 'Mật khẩu mới',
  note: 'Ghi chú',
  number: 'Số văn bản',
  password: 'Mật khẩu',
  period: 'Kỳ',
  phone: 'Số điện thoại',
  position: 'Chức vụ',
  purpose: 'Nội dung chi',
  q: 'Từ khóa tìm kiếm',
  reason: 'Lý do',
  returnedComment: 'Lý do trả lại',
  reviewComment: 'Nhận xét',
  sections: 'Nội dung báo cáo',
  signer: 'Người ký',
  target: 'Chỉ tiêu',
  text: 'Nội dung',
  title: 'Chức danh',
  username: 'Tên đăng nhập',
  villageCode: 'Thôn/ấp',
  zaloGroupUrl: 'Liên kết nhóm Zalo',
};

/**
 * The label of the field an issue is about: the last key of its path that has one (an index of a
 * list is skipped: "links.2" is a "Liên kết"), or null.
 */
export function fieldLabel(path: readonly PropertyKey[]): string | null {
  for (let i = path.length - 1; i >= 0; i--) {
    const key = path[i];
    if (typeof key === 'string' && FIELD_LABELS[key]) return FIELD_LABELS[key];
  }
  return null;
}
