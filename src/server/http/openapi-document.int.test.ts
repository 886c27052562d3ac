/**
 * The served OpenAPI document is complete (architecture rule 15, ADR 0018): it validates against
 * the OpenAPI 3 schema (swagger-parser), every operation declares its error responses in the one
 * error shape, and what the document says matches what the routes do: a route that reads a file
 * has a multipart body (any other refuses one with 415), a download declares the media types it
 * sends, and a DELETE that answers 204 declares 204, not 200.
 */
import { readFileSync } from 'node:fs';
import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../tests/helpers.ts';
import { signIn, signInMember } from '../../../tests/factories.ts';
import { multipartFile } from '../../../tests/net.ts';
import { loadOperations, undeclaredAnswer, validUrl, type Operation } from '../../../tests/openapi.ts';
import { seedWorld, type World } from '../../../tests/world.ts';
import { PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX } from '../../shared/schemas/lists.ts';

interface Media {
  schema?: { $ref?: string; type?: string; required?: string[]; properties?: Record<string, { type?: string }> };
}
interface DocOperation {
  requestBody?: { content: Record<string, Media> };
  responses: Record<string, { content?: Record<string, Media> }>;
}
/** The parts of the served document these checks read. */
interface Document {
  paths: Record<string, Record<string, DocOperation>>;
  components?: { schemas?: Record<string, unknown> };
}

let ctx: TestContext;
let doc: Document;
let operations: Operation[];
let world: World;
let admin: string;
let member: string;

beforeAll(async () => {
  ctx = await createTestContext();
  admin = (await signIn(ctx)).cookie;
  world = await seedWorld(ctx, admin);
  member = (await signInMember(ctx, admin, world.personId)).cookie;
  doc = (await ctx.app.inject({ url: '/api/docs/json' })).json();
  operations = await loadOperations(ctx.app);
});
afterAll(() => ctx.close());

const accessOf = (op: Operation) => ctx.app.apiRoutes.find((r) => r.method === op.method && r.url === op.route)?.access;
const name = (op: Operation) => `${op.method} ${op.route}`;
const isUpload = (op: Operation) => op.bodyTypes.includes('multipart/form-data');

/** The paths docs/api.md names in code spans; `/a[/b]` names both `/a` and `/a/b`. */
function documentedPaths(): Set<string> {
  const markdown = readFileSync(new URL('../../../docs/api.md', import.meta.url), 'utf8');
  const paths = [...markdown.matchAll(/`(\/(?:api|metrics)[^`\s]*)`/g)].map((m) => m[1]!);
  return new Set(
    paths.flatMap((p) => {
      const optional = /^(.*)\[(.*)\]$/.exec(p);
      return optional ? [optional[1]!, optional[1]! + optional[2]!] : [p];
    }),
  );
}

/** The error statuses an operation must declare whatever its schemas say. */
function requiredErrors(op: Operation): string[] {
  const isPublic = accessOf(op) === 'public';
  const statuses = ['400', '429'];
  if (!isPublic) statuses.push('401', '403', '404');
  if (op.method !== 'GET') statuses.push('403', '415');
  if (op.method !== 'GET' && !isPublic) statuses.push('409');
  if (op.bodyTypes.length > 0) statuses.push('413');
  if (op.parameters.some((p) => p.in === 'path')) statuses.push('414');
  return statuses;
}

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3 document', async () => {
    await expect(
      SwaggerParser.validate(structuredClone(doc) as unknown as Parameters<typeof SwaggerParser.validate>[0]),
    ).resolves.toBeTruthy();
    expect(operations.length).toBe(ctx.app.apiRoutes.length);
  });

  it('declares, for every operation, the error responses it can give, in the one error shape', () => {
    const problems: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const operation = operations.find((o) => o.path === path && o.method === method.toUpperCase())!;
        for (const status of requiredErrors(operation)) {
          const schema = op.responses[status]?.content?.['application/json']?.schema;
          if (schema?.$ref !== '#/components/schemas/ApiError')
            problems.push(`${name(operation)}: ${status} missing or not the error shape`);
        }
        const noContent = op.responses['204'];
        if (noContent?.content) problems.push(`${name(operation)}: 204 declares a body`);
        if (noContent && op.responses['200']) problems.push(`${name(operation)}: declares both 200 and 204`);
      }
    }
    expect(problems).toEqual([]);
    expect(doc.components?.schemas?.ApiError).toMatchObject({ required: ['error'] });
  });

  it('gives every upload a multipart body with one binary file', () => {
    const uploads = operations.filter(isUpload);
    expect(uploads.map(name)).toContain('POST /api/imports/mau2');
    for (const op of uploads) {
      const schema = doc.paths[op.path]![op.method.toLowerCase()]!.requestBody!.content['multipart/form-data']!.schema;
      expect({ op: name(op), file: schema?.properties?.file, required: schema?.required }).toMatchObject({
        file: { type: 'string', format: 'binary' },
        required: ['file'],
      });
    }
  });

  it('refuses a file on every route that does not document one, and reads it on those that do', async () => {
    const form = multipartFile(Buffer.from('%PDF-1.4 tệp'), 'tep.pdf');
    const wrong: string[] = [];
    for (const op of operations.filter((o) => o.method !== 'GET')) {
      const res = await ctx.app.inject({
        method: op.method,
        url: validUrl(op, world),
        headers: { cookie: admin, 'content-type': form.contentType },
        payload: form.body,
      });
      const isRefused = res.statusCode === 415 && res.json().error.code === 'UNSUPPORTED_MEDIA_TYPE';
      if (isRefused === isUpload(op)) wrong.push(`${name(op)} → ${res.statusCode} ${res.body.slice(0, 120)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('declares the status and media type of every answer the GET routes give, downloads included', async () => {
    const problems: string[] = [];
    const reached = new Set<string>();
    for (const op of operations.filter((o) => o.method === 'GET')) {
      for (const cookie of [admin, member]) {
        const res = await ctx.app.inject({ url: validUrl(op, world), headers: { cookie } });
        if (res.statusCode < 300) reached.add(name(op));
        const problem = undeclaredAnswer(op, res.statusCode, res.headers['content-type']);
        if (problem) problems.push(`${name(op)}: ${problem}`);
      }
    }
    expect(problems).toEqual([]);
    // Every download ran to its answer for someone: the files were really sent and their types checked.
    const downloads = operations.filter((o) => (o.responses['200'] ?? []).some((type) => type !== 'application/json'));
    expect(downloads.length).toBeGreaterThanOrEqual(18);
    expect(downloads.filter((o) => !reached.has(name(o))).map(name)).toEqual([]);
  });

  it('answers every list in one shape, {items,total} (or {items,nextCursor} by cursor), and pages it with one query', () => {
    const problems: string[] = [];
    for (const op of operations) {
      const answer = doc.paths[op.path]![op.method.toLowerCase()]!.responses['200']?.content?.['application/json']?.schema;
      const fields = answer?.properties ?? {};
      if (fields.items?.type === 'array' && !['total', 'nextCursor'].some((k) => answer?.required?.includes(k)))
        problems.push(`${name(op)}: items without total`);
      const query = Object.fromEntries(op.parameters.filter((p) => p.in === 'query').map((p) => [p.name, p.schema]));
      if (!query.limit) continue;
      if (query.limit.maximum !== PAGE_LIMIT_MAX || query.limit.default !== PAGE_LIMIT_DEFAULT)
        problems.push(`${name(op)}: its own page size`);
      if (!query.offset === !query.cursor) problems.push(`${name(op)}: pages neither by offset nor by cursor`);
      if (query.cursor ? !fields.nextCursor : !fields.total) problems.push(`${name(op)}: pages without saying what is left`);
    }
    expect(problems).toEqual([]);
    expect(operations.filter((op) => op.parameters.some((p) => p.name === 'limit')).length).toBeGreaterThanOrEqual(9);
  });

  it('has an entry in docs/api.md for every route', () => {
    const documented = documentedPaths();
    expect([...new Set(operations.map((op) => op.route))].filter((route) => !documented.has(route))).toEqual([]);
  });

  it('declares 204, and not 200, for every DELETE that answers with no content', async () => {
    const problems: string[] = [];
    for (const op of operations.filter((o) => o.method === 'DELETE')) {
      const res = await ctx.app.inject({ method: 'DELETE', url: validUrl(op, world), headers: { cookie: admin } });
      const problem = undeclaredAnswer(op, res.statusCode, res.headers['content-type']);
      if (problem) problems.push(`${name(op)}: ${problem}`);
      if (res.statusCode === 204 && op.responses['200']) problems.push(`${name(op)}: answers 204 but declares 200`);
    }
    expect(problems).toEqual([]);
  });
});
