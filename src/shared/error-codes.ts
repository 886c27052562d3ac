/** Stable error codes the client switches on; each maps to one HTTP status. */
export const ERROR_STATUS = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  PASSWORD_CHANGE_REQUIRED: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  /** A file sent to a route that takes none (or a body of a type it does not read). */
  UNSUPPORTED_MEDIA_TYPE: 415,
  /** The same Idempotency-Key with another request body (IETF idempotency-key draft). */
  IDEMPOTENCY_KEY_REUSED: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  /** A service the request needs is missing or busy (LibreOffice for PDF). */
  UNAVAILABLE: 503,
} as const;

/** One of the keys of {@link ERROR_STATUS}. */
export type ErrorCode = keyof typeof ERROR_STATUS;

/** Shape of every error body the API returns. */
export interface ApiErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}
