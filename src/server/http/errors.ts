import { ERROR_STATUS, type ErrorCode } from '../../shared/error-codes.ts';

/** The one error type services throw; the HTTP layer maps `code` to a status. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }

  /** HTTP status for this error's code. */
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** 404 with a Vietnamese message naming what was not found. */
export function notFound(what: string): AppError {
  return new AppError('NOT_FOUND', `Không tìm thấy ${what}.`);
}

/** 403 for an authenticated actor without the right role. */
export function forbidden(): AppError {
  return new AppError('FORBIDDEN', 'Bạn không có quyền thực hiện thao tác này.');
}

/** 413 for an uploaded file over its limit: said as such, never as a damaged file. */
export function fileTooLarge(maxBytes: number): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', `Tệp quá lớn: tối đa ${maxBytes / 1024 / 1024} MB. Hãy chia thành nhiều tệp nhỏ hơn.`);
}

/** 403 for a role that sees a list's aggregates but not the personal data in it. */
export function personalDataForbidden(): AppError {
  return new AppError('FORBIDDEN', 'Danh sách này có thông tin cá nhân của thành viên; vai trò của bạn chỉ được xem số liệu tổng hợp.');
}
