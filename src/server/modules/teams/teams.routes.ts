import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  cccdRevealSchema,
  duplicateListSchema,
  duplicatesQuerySchema,
  personMatchesSchema,
  personMatchQuerySchema,
  personMergeSchema,
  idParamsSchema,
  memberAddSchema,
  membershipUpdateSchema,
  personDetailSchema,
  personEraseSchema,
  personExportQuerySchema,
  personSchema,
  personUpdateSchema,
  teamCreateSchema,
  teamDetailSchema,
  teamListQuerySchema,
  teamListSchema,
  teamUpdateSchema,
} from '../../../shared/schemas/teams.ts';
import { actorOf } from '../../http/auth.ts';
import { DECISION_SCAN_MAX_BYTES, type DecisionScanService } from './decision-scan.service.ts';
import type { MembershipsService } from './memberships.service.ts';
import type { PeopleMergeService } from './people-merge.service.ts';
import type { PeopleService } from './people.service.ts';
import type { PersonDataService } from './person-data.service.ts';
import { writePersonDataXlsx } from './person-data.xlsx.ts';
import { CONTENT_TYPES, readUpload, sendFile, streamed } from '../../http/files.ts';
import { Readable } from 'node:stream';
import type { TeamsService } from './teams.service.ts';
import { z } from 'zod';

interface Deps {
  decisionScans: DecisionScanService;
  teams: TeamsService;
  memberships: MembershipsService;
  people: PeopleService;
  personData: PersonDataService;
  peopleMerge: PeopleMergeService;
}

/** Teams, their members, and people. */
export const teamsRoutes: FastifyPluginAsyncZod<Deps> = async (
  app,
  { teams, memberships, people, personData, peopleMerge, decisionScans },
) => {
  const config = { access: 'session' } as const;
  const tags = ['teams'];
  app.get('/api/teams', { config, schema: { tags, querystring: teamListQuerySchema, response: { 200: teamListSchema } } }, (req) =>
    teams.list(actorOf(req), req.query),
  );
  app.post('/api/teams', { config, schema: { tags, body: teamCreateSchema, response: { 201: teamDetailSchema } } }, async (req, reply) =>
    reply.code(201).send(await teams.create(actorOf(req), req.body)),
  );
  app.get('/api/teams/:id', { config, schema: { tags, params: idParamsSchema, response: { 200: teamDetailSchema } } }, (req) =>
    teams.get(actorOf(req), req.params.id),
  );
  app.patch(
    '/api/teams/:id',
    { config, schema: { tags, params: idParamsSchema, body: teamUpdateSchema, response: { 200: teamDetailSchema } } },
    (req) => teams.update(actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/teams/:id/members',
    { config, schema: { tags, params: idParamsSchema, body: memberAddSchema, response: { 201: teamDetailSchema } } },
    async (req, reply) => {
      await memberships.add(actorOf(req), req.params.id, req.body);
      return reply.code(201).send(await teams.detail(actorOf(req), req.params.id));
    },
  );
  app.patch(
    '/api/memberships/:id',
    { config, schema: { tags, params: idParamsSchema, body: membershipUpdateSchema, response: { 200: teamDetailSchema } } },
    async (req) => {
      const row = await memberships.update(actorOf(req), req.params.id, req.body);
      return teams.detail(actorOf(req), row.teamId);
    },
  );
  app.put(
    '/api/teams/:id/decision-scan',
    {
      config: { ...config, upload: ['pdf', 'jpeg', 'png'] },
      schema: { tags, params: idParamsSchema, response: { 200: teamDetailSchema } },
    },
    async (req) => {
      const { content } = await readUpload(req, {
        maxBytes: DECISION_SCAN_MAX_BYTES,
        missing: 'Hãy chọn bản quét quyết định (PDF, JPG hoặc PNG).',
      });
      await decisionScans.attach(actorOf(req), req.params.id, Readable.from(content));
      return teams.detail(actorOf(req), req.params.id);
    },
  );
  app.get(
    '/api/teams/:id/decision-scan',
    { config: { ...config, download: ['pdf', 'jpeg', 'png'] }, schema: { tags, params: idParamsSchema } },
    async (req, reply) => {
      const scan = await decisionScans.open(actorOf(req), req.params.id);
      // Inline so a PDF opens in the browser's viewer.
      return sendFile(reply, { type: scan.type, body: scan.stream, disposition: 'inline' });
    },
  );
  app.get(
    '/api/teams/:id/person-matches',
    { config, schema: { tags, params: idParamsSchema, querystring: personMatchQuerySchema, response: { 200: personMatchesSchema } } },
    (req) => peopleMerge.matches(actorOf(req), req.params.id, req.query),
  );
  app.get(
    '/api/people/duplicates',
    { config, schema: { tags, querystring: duplicatesQuerySchema, response: { 200: duplicateListSchema } } },
    (req) => peopleMerge.duplicates(actorOf(req), req.query),
  );
  app.post(
    '/api/people/:id/merge',
    { config, schema: { tags, params: idParamsSchema, body: personMergeSchema, response: { 200: personDetailSchema } } },
    async (req) => people.detail(actorOf(req), await peopleMerge.merge(actorOf(req), req.params.id, req.body.from)),
  );
  app.get('/api/people/:id', { config, schema: { tags, params: idParamsSchema, response: { 200: personDetailSchema } } }, (req) =>
    people.get(actorOf(req), req.params.id),
  );
  app.patch(
    '/api/people/:id',
    { config, schema: { tags, params: idParamsSchema, body: personUpdateSchema, response: { 200: personSchema } } },
    (req) => people.update(actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/people/:id/export',
    { config, schema: { tags, params: idParamsSchema, querystring: personExportQuerySchema } },
    async (req, reply) => {
      // Scope check and data first, so a refusal is still a JSON error; then the file.
      const data = await personData.export(actorOf(req), req.params.id);
      const name = `du-lieu-ca-nhan-${req.params.id.slice(0, 8)}.${req.query.format}`;
      if (req.query.format === 'json') {
        return sendFile(reply, {
          type: 'application/json; charset=utf-8',
          body: JSON.stringify(data, null, 2),
          disposition: 'attachment',
          name,
        });
      }
      const body = streamed(req, 'person data workbook', (out) => writePersonDataXlsx(data, out));
      return sendFile(reply, { type: CONTENT_TYPES.xlsx, body, disposition: 'attachment', name });
    },
  );
  app.post(
    '/api/people/:id/erase',
    { config, schema: { tags, params: idParamsSchema, body: personEraseSchema, response: { 200: personSchema } } },
    (req) => personData.erase(actorOf(req), req.params.id, req.body.reason),
  );
  app.post(
    '/api/people/:id/reveal-cccd',
    { config, schema: { tags, params: idParamsSchema, body: z.object({}).optional(), response: { 200: cccdRevealSchema } } },
    (req) => people.revealCccd(actorOf(req), req.params.id),
  );
};
