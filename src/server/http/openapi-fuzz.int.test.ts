/**
 * Fuzz test driven by the served OpenAPI document: every operation gets the same generated
 * requests on every run (fixed seed), with plausible and hostile parameters and bodies. No answer
 * may be a 5xx, every answer's status and media type must be declared by the document, and every
 * 4xx must be the API's `{"error":{"code","message"}}` in Vietnamese.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../tests/helpers.ts';
import { buildUser, login } from '../../../tests/factories.ts';
import { loadOperations, undeclaredAnswer, type Operation } from '../../../tests/openapi.ts';
import { requestArb, type FuzzRequest } from '../../../tests/openapi-fuzz.ts';
import { seedWorld, type World } from '../../../tests/world.ts';

const SEED = 21;
/** Requests per operation: about 4,800 in all, well under a minute on either database. */
const RUNS = 40;
/** Vietnamese letters with diacritics: every error message has some. */
const VIETNAMESE = /[À-ỹĐđ]/u;
const METHOD_ORDER = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

// The app is built while the file is collected: its OpenAPI document lists the tests to run.
const ctx: TestContext = await createTestContext();
// Deleting comes last, so that what the other operations read still exists.
const operations: Operation[] = (await loadOperations(ctx.app)).sort(
  (a, b) => METHOD_ORDER.indexOf(a.method) - METHOD_ORDER.indexOf(b.method),
);
let world: World;
const usernames = new Map<FuzzRequest['caller'], string>();
const cookies = new Map<FuzzRequest['caller'], string>();

beforeAll(async () => {
  for (const [caller, overrides] of [
    ['admin', {}],
    ['commune', { role: 'commune_officer', unitCode: '29905' }],
  ] as const) {
    const user = await buildUser(ctx, overrides);
    usernames.set(caller, user.username);
    cookies.set(caller, await login(ctx, user.username));
  }
  world = await seedWorld(ctx, cookies.get('admin')!);
});
afterAll(() => ctx.close());

/** What is wrong with an answer, or null. */
function problemOf(status: number, body: string): string | null {
  if (status >= 500) return `${status}`;
  if (status < 400) return null;
  try {
    const error = (JSON.parse(body) as { error?: { code?: unknown; message?: unknown } }).error;
    if (typeof error?.code !== 'string' || typeof error.message !== 'string') return `${status} without {error:{code,message}}`;
    return VIETNAMESE.test(error.message) ? null : `${status} not in Vietnamese`;
  } catch {
    return `${status} not JSON`;
  }
}

async function send(request: FuzzRequest) {
  const run = () =>
    ctx.app.inject({
      method: request.method,
      url: request.url,
      headers: { ...request.headers, cookie: cookies.get(request.caller)! },
      payload: request.payload,
      // Failed fuzzed logins count against this address, not the one the callers sign in from.
      remoteAddress: '10.21.0.1',
    });
  let res = await run();
  if (res.statusCode === 401) {
    // The request ended the caller's session (logout): sign in again and send it once more.
    cookies.set(request.caller, await login(ctx, usernames.get(request.caller)!));
    res = await run();
  }
  return res;
}

describe('OpenAPI fuzz', () => {
  it('covers the document', () => {
    expect(operations.length).toBe(ctx.app.apiRoutes.length);
  });

  operations.forEach((op, index) => {
    it(`${op.method} ${op.route}`, async () => {
      const problems: string[] = [];
      for (const request of fc.sample(requestArb(op, world), { seed: SEED + index, numRuns: RUNS })) {
        const res = await send(request);
        // Every answer is one the document declares (ADR 0018), and errors have the one shape.
        const problem = undeclaredAnswer(op, res.statusCode, res.headers['content-type']) ?? problemOf(res.statusCode, res.body);
        if (problem)
          problems.push(
            `${problem}: ${request.method} ${request.url.slice(0, 200)} ${String(request.payload ?? '').slice(0, 200)} → ${res.body.slice(0, 300)}`,
          );
      }
      expect(problems).toEqual([]);
    });
  });
});
