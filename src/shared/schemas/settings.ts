import { z } from 'zod';

const limit = z.number().int().min(0, 'Giới hạn không được âm').max(100, 'Giới hạn tối đa 100').nullable();

/** Province-level settings: team composition rules and the texts of the Mẫu 1 decision. */
export const provinceSettingsSchema = z.object({
  composition: z.object({
    maxLeaders: z.number().int().min(1).max(5),
    maxDeputies: z.number().int().min(0).max(10),
    village: z.object({ minMembers: limit, maxMembers: limit }),
    commune: z.object({ minMembers: limit, maxMembers: limit }),
  }),
  /** Name of the provincial department in charge (Sở TTTT until 2025, Sở KH&CN since 1/3/2025). */
  departmentName: z.string().trim().min(1).max(200),
  /** "Căn cứ …" lines of the establishment decision, without trailing punctuation. */
  decisionLegalBases: z.array(z.string().trim().min(1).max(600)).max(20),
});
/** DTO of {@link provinceSettingsSchema}. */
export type ProvinceSettings = z.infer<typeof provinceSettingsSchema>;

export const provinceSettingsParamsSchema = z.object({ code: z.string().regex(/^[0-9]{2}$/, 'Mã tỉnh gồm 2 chữ số') });
