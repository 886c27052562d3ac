/** The commune officials in charge of the teams (seed 001). */
import { z } from 'zod';
import { patchSchema } from './common.ts';
import { listOf } from './lists.ts';
import { optionalText } from './teams.ts';

/** A commune official in charge of the teams (seed 001): the CCCD leaves masked. */
export const officialSchema = z.object({
  id: z.string(),
  communeCode: z.string(),
  fullName: z.string(),
  position: z.string().nullable(),
  phone: z.string().nullable(),
  cccdMasked: z.string().nullable(),
});
/** DTO of {@link officialSchema}. */
export type Official = z.infer<typeof officialSchema>;

export const officialInputSchema = z.object({
  fullName: z.string().trim().min(1, 'Họ tên không được để trống').max(120, 'Họ tên tối đa 120 ký tự'),
  position: optionalText(200, 'Chức vụ'),
  phone: z.string().trim().max(30).nullable().optional(),
  cccd: z.string().trim().max(20).nullable().optional(),
});

export const officialUpdateSchema = patchSchema(officialInputSchema.shape);

export const officialListSchema = listOf(officialSchema);
