import { z } from 'zod';
import { listOf, pageQuerySchema } from './lists.ts';
import { structureSchema, unitCodeSchema } from './org-units.ts';

const gender = z.enum(['male', 'female'], { error: 'Giới tính phải là nam (male) hoặc nữ (female)' });

/** GET /api/people/without-gender: active members under a unit whose gender is not recorded. */
export const withoutGenderQuerySchema = z.object({
  unit: unitCodeSchema,
  structure: structureSchema.default('current'),
  ...pageQuerySchema.shape,
});

/** A member without a recorded gender, with the teams they belong to and a proposal from their name. */
const personWithoutGenderSchema = z.object({
  personId: z.string(),
  fullName: z.string(),
  teams: z.array(z.string()),
  /** From the middle name ("Văn" → male, "Thị" → female); null when the name does not tell. */
  proposal: gender.nullable(),
});
/** DTO of {@link personWithoutGenderSchema}. */
export type PersonWithoutGender = z.infer<typeof personWithoutGenderSchema>;

export const withoutGenderListSchema = listOf(personWithoutGenderSchema);

/** POST /api/people/genders: genders confirmed in bulk (all or nothing). */
export const genderConfirmSchema = z
  .object({
    items: z
      .array(z.object({ personId: z.uuid('Mã người không hợp lệ'), gender }).strict())
      .min(1, 'Chọn ít nhất một người')
      .max(500, 'Mỗi lần xác nhận tối đa 500 người'),
  })
  .strict();

export const genderConfirmResultSchema = z.object({ updated: z.number().int() });
