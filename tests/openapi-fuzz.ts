/**
 * Requests generated from the served OpenAPI document for the fuzz test: plausible values built
 * from each schema (ids of a seeded world, dates, codes that fit the patterns), then one value
 * replaced by something hostile (U+0000, lone surrogates, year 0000, huge numbers, wrong types),
 * unknown fields, garbage bodies, broken parameters and cut-off multipart uploads. Generated
 * with fast-check from a fixed seed, so every run sends the same requests.
 */
import fc from 'fast-check';
import type { JsonSchema, Operation } from './openapi.ts';
import { pathValue, queryValue } from './openapi.ts';
import type { World } from './world.ts';

/** Text that has broken servers before. */
const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '0000-01-01',
  '9999-12-31',
  '1899-12-31',
  '2026-02-30',
  '2026-13-01',
  '-1',
  'NaN',
  '1e309',
  '9'.repeat(40),
  '00000000-0000-0000-0000-000000000000',
  '../../etc/passwd',
  '%00',
  '<script>alert(1)</script>',
  "' or 1=1 --",
  '\u202eabc',
  '😀😀',
  'x'.repeat(5000),
  'Nguyễn Văn A',
  'null',
  '{}',
  'one-off',
  '2026Q5',
  '9999-12',
  '0000',
  'legacy',
  '82',
  '29905',
  'DVC_HUONG_DAN',
];
const HOSTILE_VALUES = [null, true, false, 0, -1, 1.5, 2 ** 31, 2 ** 53, -(2 ** 53), 1e308, -1e308, [], {}, [null], [''], { a: 1 }];
/** Parameters as they appear in a URL, already encoded (a lone surrogate cannot go through encodeURIComponent). */
const HOSTILE_SEGMENTS = [
  '%00',
  'a%00b',
  '%ED%A0%80',
  '%FF',
  '%C0%AF',
  '..',
  '%2F',
  'x'.repeat(150),
  '-1',
  '0000',
  '9999-12',
  '00000000-0000-0000-0000-000000000000',
  '%20',
  'Nguy%E1%BB%85n',
];

const oddText = fc.string({ unit: fc.constantFrom('\u0000', '\ud800', '\udfff', 'đ', 'ệ', ' ', 'a', '1', '-', '/', '%'), maxLength: 12 });
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.constantFrom(...HOSTILE_VALUES),
  oddText,
  fc.integer(),
  fc.double(),
);

/** Plausible strings, the first that fits a pattern is used. */
function stringCandidates(world: World): string[] {
  return [
    world.commune,
    world.province,
    world.village,
    '2026-11',
    '2026',
    'BANG_KE_CHI_TIEU',
    'DVC_HUONG_DAN',
    'ket_qua',
    'https://zalo.me/g/thu',
    '12/UBND-VX',
    'thôn',
    '0912345678',
    'u.thu.nghiem',
    'Nội dung thử',
  ];
}

/** A plausible value for a schema. */
function validArb(s: JsonSchema, world: World): fc.Arbitrary<unknown> {
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((a) => validArb(a, world)));
  const inner = validArbOfType(s, world);
  return s.nullable ? fc.option(inner, { nil: null, freq: 4 }) : inner;
}

function validArbOfType(s: JsonSchema, world: World): fc.Arbitrary<unknown> {
  if (s.enum) return fc.constantFrom(...s.enum);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  if (type === 'string') return validString(s, world);
  if (type === 'integer' || type === 'number') {
    const min = Math.max(s.minimum ?? 0, -1_000_000);
    return fc.integer({ min, max: Math.max(min, Math.min(s.maximum ?? 1_000_000, 1_000_000)) });
  }
  if (type === 'boolean') return fc.boolean();
  if (type === 'array') {
    const min = s.minItems ?? 0;
    return fc.array(s.items ? validArb(s.items, world) : fc.constant(null), {
      minLength: min,
      maxLength: Math.min(s.maxItems ?? min + 2, min + 2),
    });
  }
  if (type === 'object' || s.properties) {
    const model = Object.fromEntries(Object.entries(s.properties ?? {}).map(([key, prop]) => [key, validArb(prop, world)]));
    return fc.record(model, { requiredKeys: s.required ?? [] });
  }
  return fc.constant(null);
}

function validString(s: JsonSchema, world: World): fc.Arbitrary<string> {
  const ids = [
    world.teamId,
    world.personId,
    world.activityId,
    world.directiveId,
    world.taskId,
    world.reportDefinitionId,
    world.indicatorId,
    world.userId,
  ];
  if (s.format === 'uuid') return fc.constantFrom(...ids);
  if (s.format === 'date') return fc.constantFrom('2026-11-20', '2026-01-15', '2025-08-08');
  if (s.format === 'date-time') return fc.constant('2026-11-20T03:00:00Z');
  if (s.format === 'uri') return fc.constant('https://sadec.dongthap.gov.vn/tin-bai');
  const fits = (text: string) =>
    (!s.pattern || new RegExp(s.pattern, 'u').test(text)) && text.length >= (s.minLength ?? 0) && text.length <= (s.maxLength ?? Infinity);
  const candidates = stringCandidates(world).filter(fits);
  return candidates.length > 0 ? fc.constantFrom(...candidates) : fc.constant('x'.repeat(Math.max(1, s.minLength ?? 1)));
}

/** The value with its `index`-th leaf (modulo the number of leaves) replaced. */
function replaceLeaf(value: unknown, index: number, replacement: unknown): unknown {
  const leaves: (string | number)[][] = [];
  const walk = (v: unknown, path: (string | number)[]) => {
    if (v !== null && typeof v === 'object' && Object.keys(v).length > 0) {
      for (const [k, child] of Object.entries(v)) walk(child, [...path, Array.isArray(v) ? Number(k) : k]);
    } else leaves.push(path);
  };
  walk(value, []);
  const path = leaves[index % leaves.length]!;
  if (path.length === 0) return replacement;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]!] = replacement;
  return copy;
}

/** A JSON body: plausible, plausible with one hostile value or an unknown field, or garbage. */
function bodyArb(schema: JsonSchema, world: World): fc.Arbitrary<unknown> {
  const valid = validArb(schema, world);
  return fc.oneof(
    { weight: 2, arbitrary: valid },
    { weight: 6, arbitrary: fc.tuple(valid, fc.nat(), hostile).map(([v, i, h]) => replaceLeaf(v, i, h)) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(valid, fc.constantFrom('unitCode', 'id', '__proto__', 'x\u0000'), hostile)
        .map(([v, k, h]) => (v && typeof v === 'object' ? { ...v, [k]: h } : v)),
    },
    { weight: 1, arbitrary: hostile },
  );
}

/** One generated request. */
export interface FuzzRequest {
  method: Operation['method'];
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
  caller: 'admin' | 'commune';
}

const BOUNDARY = '----cnscd-fuzz';
/** Multipart bodies: a small PDF, the same cut off, a file name with U+0000, a wrong boundary. */
const MULTIPARTS: Buffer[] = (() => {
  const part = (name: string, content: string) =>
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n${content}`;
  const whole = `${part('tep.pdf', '%PDF-1.4 thử')}\r\n--${BOUNDARY}--\r\n`;
  return [
    whole,
    whole.slice(0, whole.length - 20),
    `${part('a\u0000b.pdf', '%PDF-1.4 x')}\r\n--${BOUNDARY}--\r\n`,
    whole.replaceAll(BOUNDARY, 'khac'),
    `--${BOUNDARY}\r\nContent-Disp`,
  ].map((s) => Buffer.from(s));
})();

function queryArb(op: Operation, world: World): fc.Arbitrary<string> {
  const params = op.parameters.filter((p) => p.in === 'query');
  const one = (name: string, required: boolean) => {
    const valid = queryValue(op, name, world);
    const options: fc.Arbitrary<string | null>[] = [fc.constantFrom(...HOSTILE_SEGMENTS), fc.constant(`${name}=1&${name}`)];
    if (valid !== undefined) options.push(fc.constant(encodeURIComponent(valid)), fc.constant(encodeURIComponent(valid)));
    if (!required || valid === undefined) options.push(fc.constant(null));
    return fc.oneof(...options).map((v) => (v === null ? '' : v.startsWith(`${name}=`) ? v : `${name}=${v}`));
  };
  return fc.tuple(...params.map((p) => one(p.name, p.required === true))).map((parts) => parts.filter(Boolean).join('&'));
}

function pathArb(op: Operation, world: World): fc.Arbitrary<string> {
  const names = op.parameters.filter((p) => p.in === 'path').map((p) => p.name);
  const segment = (name: string) =>
    fc.oneof(
      { weight: 3, arbitrary: fc.constant(encodeURIComponent(pathValue(op, name, world))) },
      { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_SEGMENTS) },
    );
  return fc.tuple(...names.map(segment)).map((values) => names.reduce((url, name, i) => url.replace(`{${name}}`, values[i]!), op.path));
}

function payloadArb(op: Operation, world: World): fc.Arbitrary<Pick<FuzzRequest, 'headers' | 'payload'>> {
  const json = (v: unknown) => ({ headers: { 'content-type': 'application/json' }, payload: JSON.stringify(v) ?? 'null' });
  const broken = fc.constantFrom(
    { headers: { 'content-type': 'application/json' }, payload: '{"a":' },
    { headers: { 'content-type': 'application/json' }, payload: '{"__proto__":{"x":1}}' },
    { headers: { 'content-type': 'text/plain' }, payload: 'xin chào' },
    { headers: { 'content-type': 'application/json' }, payload: `${'['.repeat(5000)}${']'.repeat(5000)}` },
  );
  const multipart = fc
    .constantFrom(...MULTIPARTS)
    .map((payload) => ({ headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` }, payload }));
  if (op.body) return fc.oneof({ weight: 8, arbitrary: bodyArb(op.body, world).map(json) }, { weight: 1, arbitrary: broken });
  if (op.method === 'GET' || op.method === 'DELETE')
    return fc.oneof({ weight: 8, arbitrary: fc.constant({ headers: {} }) }, { weight: 1, arbitrary: broken });
  return fc.oneof(
    { weight: 3, arbitrary: multipart },
    { weight: 2, arbitrary: fc.constant({ headers: {} }) },
    { weight: 1, arbitrary: hostile.map(json) },
    { weight: 1, arbitrary: broken },
  );
}

/** Requests for one operation: its path and query parameters, body, Idempotency-Key and caller, each valid or broken. */
export function requestArb(op: Operation, world: World): fc.Arbitrary<FuzzRequest> {
  const key = fc.constantFrom('3f1c2f4e-8a3b-4c1d-9e2f-0a1b2c3d4e5f', 'khong-phai-uuid', '');
  return fc
    .record({
      path: pathArb(op, world),
      query: queryArb(op, world),
      body: payloadArb(op, world),
      key,
      caller: fc.constantFrom('admin' as const, 'commune' as const),
    })
    .map(({ path, query, body, key: idempotencyKey, caller }) => ({
      method: op.method,
      url: query ? `${path}?${query}` : path,
      headers: { ...body.headers, ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) },
      payload: body.payload,
      caller,
    }));
}
