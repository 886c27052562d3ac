import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ApiErrorBody, ErrorCode } from '../../shared/error-codes.ts';
import { AppError } from './errors.ts';

const FASTIFY_STATUS_CODES: Record<number, { code: ErrorCode; message: string }> = {
  400: { code: 'VALIDATION', message: 'Yêu cầu không hợp lệ.' },
  404: { code: 'NOT_FOUND', message: 'Không tìm thấy.' },
  413: { code: 'VALIDATION', message: 'Dữ liệu gửi lên quá lớn.' },
  415: { code: 'VALIDATION', message: 'Định dạng dữ liệu không được hỗ trợ.' },
  429: { code: 'RATE_LIMITED', message: 'Bạn gửi quá nhiều yêu cầu. Vui lòng thử lại sau ít phút.' },
};

function send(reply: FastifyReply, status: number, body: ApiErrorBody) {
  return reply.code(status).send(body);
}

/** Maps every error to `{error:{code,message,details}}` with a Vietnamese message. */
export function errorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof AppError) {
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
  const known = err.statusCode ? FASTIFY_STATUS_CODES[err.statusCode] : undefined;
  if (known && err.statusCode) return send(reply, err.statusCode, { error: known });
  req.log.error({ err }, 'unhandled error');
  return send(reply, 500, { error: { code: 'INTERNAL', message: 'Lỗi hệ thống. Vui lòng thử lại hoặc báo quản trị viên.' } });
}
