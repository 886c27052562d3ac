import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import {
  BUDGET_FILE_MAX_BYTES,
  budgetListSchema,
  budgetsQuerySchema,
  expenseCreateSchema,
  expenseSchema,
  expenseUpdateSchema,
  fundingParamsSchema,
  fundingSchemeInputSchema,
  fundingSchemeSchema,
  settlementFileQuerySchema,
  settlementListSchema,
  settlementReturnSchema,
  settlementSchema,
  settlementUpdateSchema,
  structureQuerySchema,
  teamBudgetSchema,
  yearQuerySchema,
} from '../../../shared/schemas/budgets.ts';
import { idParamsSchema } from '../../../shared/schemas/teams.ts';
import { actorOf } from '../../http/auth.ts';
import { readUpload, sendDocument, sendFile } from '../../http/files.ts';
import type { PdfConverter } from '../../lib/office-pdf.ts';
import { wordDownloadQuerySchema } from '../../../shared/schemas/downloads.ts';
import type { BudgetsService } from './budgets.service.ts';
import type { FundingService } from './funding.service.ts';
import type { SettlementsService } from './settlements.service.ts';
import type { StatementService } from './statement.service.ts';

interface Deps {
  funding: FundingService;
  budgets: BudgetsService;
  settlements: SettlementsService;
  statements: StatementService;
  pdf: PdfConverter;
}

/** Reads the one uploaded file (≤ 10 MB) of a multipart request. */
const uploadedFile = (req: FastifyRequest) =>
  readUpload(req, { maxBytes: BUDGET_FILE_MAX_BYTES, missing: 'Hãy chọn một tệp PDF, JPG hoặc PNG (multipart/form-data, trường "file").' });

/** Funding schemes, budgets, expenses with receipts, settlement dossiers and the Word statement. */
export const budgetsRoutes: FastifyPluginAsyncZod<Deps> = async (app, { funding, budgets, settlements, statements, pdf }) => {
  const config = { access: 'session' } as const;
  const tags = ['budgets'];
  const yearOnly = { tags, params: idParamsSchema, querystring: yearQuerySchema };

  const fundingSchema = { tags, params: fundingParamsSchema, querystring: structureQuerySchema, response: { 200: fundingSchemeSchema } };
  app.get('/api/provinces/:code/funding/:year', { config, schema: fundingSchema }, (req) =>
    funding.get(actorOf(req), req.query.structure, req.params.code, req.params.year),
  );
  app.put('/api/provinces/:code/funding/:year', { config, schema: { ...fundingSchema, body: fundingSchemeInputSchema } }, (req) =>
    funding.set(actorOf(req), req.query.structure, req.params.code, req.params.year, req.body),
  );

  app.get('/api/budgets', { config, schema: { tags, querystring: budgetsQuerySchema, response: { 200: budgetListSchema } } }, (req) =>
    budgets.list(actorOf(req), req.query),
  );
  app.get('/api/teams/:id/budget', { config, schema: { ...yearOnly, response: { 200: teamBudgetSchema } } }, (req) =>
    budgets.teamBudget(actorOf(req), req.params.id, req.query.year),
  );

  app.post(
    '/api/teams/:id/expenses',
    { config, schema: { tags, params: idParamsSchema, body: expenseCreateSchema, response: { 201: expenseSchema } } },
    async (req, reply) => reply.code(201).send(await budgets.createExpense(actorOf(req), req.params.id, req.body)),
  );
  app.patch(
    '/api/expenses/:id',
    { config, schema: { tags, params: idParamsSchema, body: expenseUpdateSchema, response: { 200: expenseSchema } } },
    (req) => budgets.updateExpense(actorOf(req), req.params.id, req.body),
  );
  app.delete('/api/expenses/:id', { config, schema: { tags, params: idParamsSchema } }, async (req, reply) => {
    await budgets.removeExpense(actorOf(req), req.params.id);
    return reply.code(204).send();
  });
  app.post(
    '/api/expenses/:id/receipts',
    { config: { ...config, upload: ['pdf', 'jpeg', 'png'] }, schema: { tags, params: idParamsSchema, response: { 201: expenseSchema } } },
    async (req, reply) => {
      const { content, fileName } = await uploadedFile(req);
      return reply.code(201).send(await budgets.addReceipt(actorOf(req), req.params.id, content, fileName));
    },
  );

  app.get(
    '/api/budget-files/:id',
    { config: { ...config, download: ['pdf', 'jpeg', 'png'] }, schema: { tags, params: idParamsSchema } },
    async (req, reply) => {
      const file = await budgets.openFile(actorOf(req), req.params.id);
      // Inline so a PDF or photo opens in the browser; the name is kept for "save as".
      return sendFile(reply, { type: file.type, body: file.stream, disposition: 'inline', name: file.fileName });
    },
  );
  app.delete('/api/budget-files/:id', { config, schema: { tags, params: idParamsSchema } }, async (req, reply) => {
    await budgets.removeFile(actorOf(req), req.params.id);
    return reply.code(204).send();
  });

  app.get('/api/teams/:id/settlement', { config, schema: { ...yearOnly, response: { 200: settlementSchema } } }, (req) =>
    settlements.get(actorOf(req), req.params.id, req.query.year),
  );
  app.patch(
    '/api/teams/:id/settlement',
    { config, schema: { ...yearOnly, body: settlementUpdateSchema, response: { 200: settlementSchema } } },
    (req) => settlements.update(actorOf(req), req.params.id, req.query.year, req.body),
  );
  app.get(
    '/api/settlements',
    { config, schema: { tags, querystring: budgetsQuerySchema, response: { 200: settlementListSchema } } },
    (req) => settlements.list(actorOf(req), req.query),
  );
  app.post(
    '/api/settlements/:id/files',
    {
      config: { ...config, upload: ['pdf', 'jpeg', 'png'] },
      schema: { tags, params: idParamsSchema, querystring: settlementFileQuerySchema, response: { 201: settlementSchema } },
    },
    async (req, reply) => {
      const { content, fileName } = await uploadedFile(req);
      return reply.code(201).send(await settlements.addFile(actorOf(req), req.params.id, req.query.code, content, fileName));
    },
  );
  app.post(
    '/api/settlements/:id/submit',
    { config, schema: { tags, params: idParamsSchema, response: { 200: settlementSchema } } },
    (req) => settlements.submit(actorOf(req), req.params.id),
  );
  app.post(
    '/api/settlements/:id/return',
    { config, schema: { tags, params: idParamsSchema, body: settlementReturnSchema, response: { 200: settlementSchema } } },
    (req) => settlements.sendBack(actorOf(req), req.params.id, req.body.comment),
  );
  app.post(
    '/api/settlements/:id/accept',
    { config, schema: { tags, params: idParamsSchema, response: { 200: settlementSchema } } },
    (req) => settlements.accept(actorOf(req), req.params.id),
  );
  app.get(
    '/api/settlements/:id/statement.docx',
    { config, schema: { tags, params: idParamsSchema, querystring: wordDownloadQuerySchema } },
    async (req, reply) => {
      const { teamId, year } = await settlements.teamAndYearOf(actorOf(req), req.params.id);
      const { docx, fileName } = await statements.statementDocx(actorOf(req), teamId, year);
      return sendDocument(req, reply, pdf, {
        document: { kind: 'docx', buffer: docx },
        baseName: fileName.replace(/\.docx$/u, ''),
        format: req.query.format,
      });
    },
  );
};
