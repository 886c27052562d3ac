/**
 * The served OpenAPI document (/api/docs), completed in one place for every route (ADR 0018):
 * the error responses each operation can give, in the API's one error shape; multipart bodies
 * for uploads; binary media types for downloads; 204 with no body where a DELETE answers nothing.
 * Routes declare only what cannot be seen from their schemas: `config.upload` and
 * `config.download` (file kinds). A download's kinds are also read from a `.xlsx`-style path
 * ending and from a `format` query parameter, so most downloads need no declaration at all.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import type { Access } from './auth.ts';
import { AppError } from './errors.ts';

/** Media types of the files the API takes in and sends out. */
export const FILE_MEDIA_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  heic: 'image/heic',
  zip: 'application/zip',
  json: 'application/json',
} as const;

/** A kind of file: its extension. */
export type FileKind = keyof typeof FILE_MEDIA_TYPES;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route reads one uploaded file (multipart/form-data, field "file") of these kinds. */
    upload?: FileKind[];
    /** The route answers with a file of one of these kinds (besides any the path or `format` names). */
    download?: FileKind[];
  }
}

/** What the document needs to know about a route beyond its schemas. */
interface RouteFacts {
  access: Access;
  upload?: FileKind[];
  download?: FileKind[];
}

interface Schema {
  type?: string;
  enum?: unknown[];
}
interface Parameter {
  in: string;
  name: string;
  schema?: Schema;
}
interface Response {
  description: string;
  content?: Record<string, { schema: unknown }>;
}
interface OpenApiOperation {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, unknown> };
  responses: Record<string, Response>;
}
interface OpenApiDocument {
  paths?: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, unknown> };
}

/** The one error shape, `{"error":{"code","message","details"}}` (shared/error-codes.ts). */
const API_ERROR_SCHEMA = {
  type: 'object' as const,
  required: ['error'],
  properties: {
    error: {
      type: 'object' as const,
      required: ['code', 'message'],
      properties: {
        code: { type: 'string' as const, description: 'Mã lỗi ổn định (VALIDATION, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, CONFLICT…)' },
        message: { type: 'string' as const, description: 'Thông báo bằng tiếng Việt cho người dùng' },
        details: { description: 'Chi tiết (trường sai, thời gian chờ…)' },
      },
    },
  },
};

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Dữ liệu không hợp lệ (VALIDATION)',
  401: 'Chưa đăng nhập hoặc sai thông tin đăng nhập (UNAUTHENTICATED, INVALID_CREDENTIALS)',
  403: 'Không có quyền, phải đổi mật khẩu, hoặc yêu cầu không đến từ chính trang (FORBIDDEN, PASSWORD_CHANGE_REQUIRED)',
  404: 'Không tìm thấy, hoặc nằm ngoài phạm vi của người dùng (NOT_FOUND)',
  409: 'Xung đột với trạng thái hiện tại (CONFLICT)',
  413: 'Dữ liệu gửi lên quá lớn (VALIDATION)',
  414: 'Địa chỉ yêu cầu quá dài (VALIDATION)',
  415: 'Định dạng dữ liệu gửi lên không được nhận ở địa chỉ này (UNSUPPORTED_MEDIA_TYPE, VALIDATION)',
  422: 'Idempotency-Key đã dùng cho một yêu cầu khác (IDEMPOTENCY_KEY_REUSED)',
  429: 'Gửi quá nhiều yêu cầu (RATE_LIMITED)',
};

const BINARY = { type: 'string', format: 'binary' };
const PATH_ENDING = /\.(xlsx|docx|pdf|zip)$/;

/** The error statuses an operation can answer, from its method, access and parameters. */
export function errorStatuses(method: string, facts: RouteFacts, op: OpenApiOperation): number[] {
  const isRead = method === 'get';
  const isPublic = facts.access === 'public';
  const hasPathParams = (op.parameters ?? []).some((p) => p.in === 'path');
  const takesIdempotencyKey = (op.parameters ?? []).some((p) => p.in === 'header' && p.name === 'idempotency-key');
  const statuses = [400];
  // Public reads never ask who is calling; a public login answers 401 for wrong credentials.
  if (!(isPublic && isRead)) statuses.push(401);
  // Roles and the password change on private routes; the CSRF guard on every mutation.
  if (!isPublic || !isRead) statuses.push(403);
  // Out of scope is not found (architecture rule 2); so is an unknown id or code.
  if (!isPublic || hasPathParams) statuses.push(404);
  if (!isRead && !isPublic) statuses.push(409);
  if (op.requestBody) statuses.push(413);
  // A path parameter longer than Fastify's limit (maxParamLength).
  if (hasPathParams) statuses.push(414);
  if (!isRead) statuses.push(415);
  if (takesIdempotencyKey) statuses.push(422);
  statuses.push(429);
  return statuses;
}

/** The kinds of file a route answers with: declared, from its path ending, and from a `format` query. */
export function downloadKinds(url: string, facts: RouteFacts, op: OpenApiOperation): FileKind[] {
  const kinds = new Set<FileKind>(facts.download ?? []);
  const ending = PATH_ENDING.exec(url)?.[1];
  if (ending) kinds.add(ending as FileKind);
  const format = (op.parameters ?? []).find((p) => p.in === 'query' && p.name === 'format');
  for (const value of format?.schema?.enum ?? []) {
    if (typeof value === 'string' && value in FILE_MEDIA_TYPES) kinds.add(value as FileKind);
  }
  return [...kinds];
}

/** Completes one operation of the document in place. */
function completeOperation(url: string, method: string, facts: RouteFacts, op: OpenApiOperation) {
  if (facts.upload) {
    const accepted = facts.upload.map((k) => FILE_MEDIA_TYPES[k]).join(', ');
    op.requestBody = {
      required: true,
      content: {
        'multipart/form-data': {
          schema: { type: 'object', required: ['file'], properties: { file: { ...BINARY, description: `Một tệp: ${accepted}` } } },
          encoding: { file: { contentType: accepted } },
        },
      },
    };
  }
  const kinds = downloadKinds(url, facts, op);
  if (kinds.length > 0) {
    const content = Object.fromEntries(kinds.map((k) => [FILE_MEDIA_TYPES[k], { schema: k === 'json' ? {} : BINARY }]));
    op.responses['200'] = { description: `Tệp ${kinds.join(', ')}`, content };
  }
  const declared = Object.keys(op.responses);
  // A DELETE that declares no answer of its own sends 204 with no body.
  if (
    method === 'delete' &&
    declared.length === 1 &&
    op.responses['200']?.description === 'Default Response' &&
    !op.responses['200'].content
  ) {
    delete op.responses['200'];
    op.responses['204'] = { description: 'Đã xóa' };
  }
  if (op.responses['204']) op.responses['204'] = { description: op.responses['204'].description };
  for (const status of errorStatuses(method, facts, op)) {
    op.responses[String(status)] = {
      description: ERROR_DESCRIPTIONS[status]!,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } },
    };
  }
}

/** "/api/teams/:id" as the document writes it, "/api/teams/{id}". */
const openApiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}');

/** Refuses a file sent to a route that reads none, so every route that does is declared (and documented). */
async function refuseUndeclaredUpload(req: FastifyRequest) {
  if (!req.isMultipart() || req.routeOptions.config.upload) return;
  throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Địa chỉ này không nhận tệp tải lên (multipart/form-data); hãy gửi dữ liệu dạng JSON.');
}

/** Registers @fastify/swagger and its UI at /api/docs, with the document completed for every route. */
export const openApiPlugin = fp(async (app: FastifyInstance, { version }: { version: string }) => {
  const facts = new Map<string, RouteFacts>();
  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (!access) return;
    for (const method of [route.method].flat()) {
      facts.set(`${method.toLowerCase()} ${openApiPath(route.url)}`, {
        access,
        upload: route.config?.upload,
        download: route.config?.download,
      });
    }
  });
  app.addHook('preValidation', refuseUndeclaredUpload);
  await app.register(swagger, {
    openapi: { info: { title: 'cnscd API', version }, components: { schemas: { ApiError: API_ERROR_SCHEMA } } },
    transform: jsonSchemaTransform,
    transformObject: (documentObject) => {
      if (!('openapiObject' in documentObject)) return documentObject.swaggerObject;
      const { openapiObject } = documentObject;
      const doc = openapiObject as OpenApiDocument;
      for (const [url, operations] of Object.entries(doc.paths ?? {})) {
        for (const [method, op] of Object.entries(operations)) {
          const route = facts.get(`${method} ${url}`);
          if (route) completeOperation(url, method, route, op);
        }
      }
      return openapiObject;
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
});
