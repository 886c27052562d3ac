/**
 * The API as its served OpenAPI document describes it (GET /api/docs/json), and valid parameters
 * for every operation taken from a seeded {@link World}: for the tests that sweep every route.
 */
import type { FastifyInstance } from 'fastify';
import type { World } from './world.ts';

/** A JSON schema as the OpenAPI document carries it (only what the sweeps read). */
export interface JsonSchema {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  nullable?: boolean;
  default?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}

/** One operation of the document. */
export interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** OpenAPI path, "/api/teams/{id}". */
  path: string;
  /** Fastify route, "/api/teams/:id" (the authorization matrix's names). */
  route: string;
  parameters: { in: 'path' | 'query' | 'header'; name: string; required?: boolean; schema: JsonSchema }[];
  body: JsonSchema | null;
  /** The request body's media types ("application/json", "multipart/form-data"). */
  bodyTypes: string[];
  /** Declared responses by status, each with its media types (none for 204). */
  responses: Record<string, string[]>;
}

/** Every operation of the served OpenAPI document, in the document's order. */
export async function loadOperations(app: FastifyInstance): Promise<Operation[]> {
  const doc = (await app.inject({ url: '/api/docs/json' })).json() as {
    paths: Record<
      string,
      Record<
        string,
        {
          parameters?: Operation['parameters'];
          requestBody?: { content: Record<string, { schema: JsonSchema }> };
          responses: Record<string, { content?: object }>;
        }
      >
    >;
  };
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase() as Operation['method'],
      path,
      route: path.replace(/\{(\w+)\}/g, ':$1'),
      parameters: op.parameters ?? [],
      body: op.requestBody?.content['application/json']?.schema ?? null,
      bodyTypes: Object.keys(op.requestBody?.content ?? {}),
      responses: Object.fromEntries(Object.entries(op.responses).map(([status, r]) => [status, Object.keys(r.content ?? {})])),
    })),
  );
}

/**
 * What is undeclared about an answer: its status, or (when it has a body) its media type, is not
 * among the operation's responses in the document. Null when the document describes it.
 */
export function undeclaredAnswer(op: Operation, status: number, contentType: unknown): string | null {
  const declared = op.responses[String(status)];
  if (!declared) return `${status} not declared (declared: ${Object.keys(op.responses).join(', ')})`;
  const mediaType = typeof contentType === 'string' ? contentType.split(';')[0]!.trim() : '';
  if (!mediaType) return null;
  return declared.includes(mediaType) ? null : `${status} ${mediaType} not declared (declared: ${declared.join(', ') || 'no body'})`;
}

/** The world's id for the resource a path segment names ("teams" → the team). */
const ID_OF: Record<string, keyof World> = {
  users: 'userId',
  people: 'personId',
  teams: 'teamId',
  memberships: 'membershipId',
  officials: 'officialId',
  indicators: 'indicatorId',
  activities: 'activityId',
  directives: 'directiveId',
  'directive-files': 'directiveFileId',
  expenses: 'expenseId',
  'budget-files': 'budgetFileId',
  settlements: 'settlementId',
  'report-definitions': 'reportDefinitionId',
  'report-instances': 'reportInstanceId',
  jobs: 'jobId',
};
const CODE_OF: Record<string, keyof World> = { 'org-units': 'commune', villages: 'village', provinces: 'province' };

/** A valid value of a path parameter, from its name and the segment before it. */
export function pathValue(op: Operation, name: string, world: World): string {
  const segments = op.path.split('/');
  const before = segments[segments.indexOf(`{${name}}`) - 1] ?? '';
  if (name === 'id') return String(world[ID_OF[before] ?? 'teamId']);
  if (name === 'code') return String(world[CODE_OF[before] ?? 'commune']);
  if (name === 'year') return '2026';
  if (name === 'photoId') return world.photoId;
  if (name === 'taskId') return world.taskId;
  // A parameter this list does not know yet: the GET sweep's "answered 2xx" check points at it.
  return world.teamId;
}

/** A valid value of a query parameter, or undefined to leave an optional one out. */
export function queryValue(op: Operation, name: string, world: World): string | undefined {
  const values: Record<string, string> = {
    unit: world.commune,
    province: world.province,
    structure: 'current',
    year: '2026',
    period: op.path === '/api/rollups' ? '2026' : '2026-11',
    team: world.teamId,
    code: 'BANG_KE_CHI_TIEU',
    unitCode: world.commune,
    indicator: 'DVC_HUONG_DAN',
  };
  return values[name];
}

/** The URL of an operation with valid parameters: the required ones, the structure and the unit. */
export function validUrl(op: Operation, world: World, override: Record<string, string> = {}): string {
  let url = op.path;
  const query = new URLSearchParams();
  for (const p of op.parameters) {
    if (p.in === 'path') url = url.replace(`{${p.name}}`, encodeURIComponent(override[p.name] ?? pathValue(op, p.name, world)));
    if (p.in !== 'query') continue;
    // Optional ones too where a route needs one of several (rollups: unit or team).
    const value =
      override[p.name] ?? (p.required || p.name === 'structure' || p.name === 'unit' ? queryValue(op, p.name, world) : undefined);
    if (value !== undefined) query.set(p.name, value);
  }
  const search = query.toString();
  return search ? `${url}?${search}` : url;
}
