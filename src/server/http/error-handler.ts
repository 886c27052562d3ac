import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ApiErrorBody, ErrorCode } from '../../shared/error-codes.ts';
import { AppError } from './errors.ts';

type KnownError = { code: ErrorCode; message: string };

/** Fastify's and its plugins' own 4xx answers, in the API's shape and in Vietnamese. */
const FASTIFY_STATUS_CODES: Record<number, KnownError> = {
  400: { code: 'VALIDATION', message: 'Yêu cầu không hợp lệ.' },
  404: { code: 'NOT_FOUND', message: 'Không tìm thấy.' },
  406: { code: 'VALIDATION', message: 'Dữ liệu gửi lên không đúng dạng multipart/form-data.' },
  408: { code: 'VALIDATION', message: 'Yêu cầu gửi quá chậm nên đã bị ngắt; hãy thử lại.' },
  413: { code: 'VALIDATION', message: 'Dữ liệu gửi lên quá lớn.' },
  414: { code: 'VALIDATION', message: 'Địa chỉ yêu cầu quá dài.' },
  415: { code: 'VALIDATION', message: 'Định dạng dữ liệu không được hỗ trợ.' },
  429: { code: 'RATE_LIMITED', message: 'Bạn gửi quá nhiều yêu cầu. Vui lòng thử lại sau ít phút.' },
  431: { code: 'VALIDATION', message: 'Phần tiêu đề (header) của yêu cầu quá lớn.' },
};

/** Errors of the multipart parser (busboy) that carry no status: a cut-off or malformed upload. */
const MULTIPART_PARSE_ERROR =
  /^(Unexpected end of multipart data|.+ terminated early due to unexpected end of multipart data|Multipart: Boundary not found|Malformed part header)$/;
const BROKEN_UPLOAD: KnownError = {
  code: 'VALIDATION',
  message: 'Dữ liệu tải lên bị cắt cụt hoặc hỏng (multipart/form-data); hãy gửi lại tệp.',
};

function send(reply: FastifyReply, status: number, body: ApiErrorBody) {
  return reply.code(status).send(body);
}

/**
 * SQLSTATEs of text PostgreSQL cannot store (U+0000 in `text`, `\u0000` in `jsonb`). The request
 * guard refuses such text in bodies, queries and parameters; this catches what reaches the
 * database another way (an uploaded file's name), as a 400, the transaction rolled back.
 */
const UNSTORABLE_TEXT_SQLSTATES = new Set(['22021', '22P05']);
const UNSTORABLE: KnownError = {
  code: 'VALIDATION',
  message: 'Văn bản có ký tự không hợp lệ (ký tự rỗng U+0000 hoặc nửa cặp UTF-16); hãy xóa ký tự đó rồi gửi lại.',
};

/** The SQLSTATE of a database error, also when Drizzle wraps it (`cause`). */
function sqlStateOf(err: Error): string | undefined {
  const code = (err as { code?: unknown }).code ?? (err.cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The Vietnamese answer to a 4xx that Fastify, a plugin or bad text raised, or null for anything else. */
function knownClientError(err: FastifyError): { status: number; error: KnownError } | null {
  if (MULTIPART_PARSE_ERROR.test(err.message)) return { status: 400, error: BROKEN_UPLOAD };
  if (UNSTORABLE_TEXT_SQLSTATES.has(sqlStateOf(err) ?? '')) return { status: 400, error: UNSTORABLE };
  const status = err.statusCode;
  if (!status || status < 400 || status > 499) return null;
  return { status, error: FASTIFY_STATUS_CODES[status] ?? FASTIFY_STATUS_CODES[400]! };
}

/**
 * Maps every error to `{error:{code,message,details}}` with a Vietnamese message. Also Fastify's
 * `frameworkErrors`: a malformed URL (400) or an over-long path parameter (414).
 */
export function errorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof AppError) {
    const retryAfter = (err.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    if (typeof retryAfter === 'number') void reply.header('retry-after', String(retryAfter));
    return send(reply, err.status, { error: { code: err.code, message: err.message, details: err.details } });
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const details = err.validation.map((v) => ({
      path: v.instancePath.replace(/^\//, '').replace(/\//g, '.'),
      message: v.message ?? 'Giá trị không hợp lệ',
    }));
    // The messages name their fields as users see them (zod-locale.ts); keys stay in `details`.
    const summary = [...new Set(details.map((d) => d.message))].join('; ');
    return send(reply, 400, { error: { code: 'VALIDATION', message: summary || 'Dữ liệu không hợp lệ.', details } });
  }
  const known = knownClientError(err);
  if (known) return send(reply, known.status, { error: known.error });
  req.log.error({ err }, 'unhandled error');
  return send(reply, 500, { error: { code: 'INTERNAL', message: 'Lỗi hệ thống. Vui lòng thử lại hoặc báo quản trị viên.' } });
}

/**
 * Fastify's `clientErrorHandler`: errors of the HTTP parser before there is a request (headers or
 * request line over Node's limit → 431, a timeout → 408, garbage → 400), written on the socket.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket) {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const body = JSON.stringify({ error: FASTIFY_STATUS_CODES[status] });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}
