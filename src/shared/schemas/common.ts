import { z } from 'zod';

/** Earliest and latest years a date may carry: PostgreSQL and the forms have no use for others (year 0000 fails in the database). */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

/** A calendar date "YYYY-MM-DD" between {@link MIN_YEAR} and {@link MAX_YEAR}. */
export const isoDateSchema = z.iso
  .date({ error: 'Ngày phải có dạng YYYY-MM-DD' })
  .refine(
    (d) => Number(d.slice(0, 4)) >= MIN_YEAR && Number(d.slice(0, 4)) <= MAX_YEAR,
    `Ngày phải trong khoảng năm ${MIN_YEAR}–${MAX_YEAR}`,
  );

/** A field schema with its default removed: a PATCH must not fill in what it does not name. */
type WithoutDefault<S> = S extends z.ZodDefault<infer Inner> ? Inner : S;
/** The fields of a PATCH body: each optional, none with a default. */
type PatchShape<T extends z.ZodRawShape> = { [K in keyof T]: z.ZodOptional<WithoutDefault<T[K]>> };

/** Fields of a PATCH (or of an item patched inside one): each optional, defaults removed. */
export function patchFields<T extends z.ZodRawShape>(shape: T): PatchShape<T> {
  return Object.fromEntries(
    Object.entries(shape).map(([key, field]) => [key, z.optional(field instanceof z.ZodDefault ? field.unwrap() : field)]),
  ) as PatchShape<T>;
}

/**
 * The body of a PATCH (architecture rule 15, ADR 0010): every field optional and without a
 * default, so that a field it does not name stays as it is; a field the endpoint does not change
 * is refused (400, nothing written); and an empty body is refused too.
 */
export function patchSchema<T extends z.ZodRawShape>(shape: T) {
  return z
    .strictObject(patchFields(shape), {
      error: (issue) => (issue.code === 'unrecognized_keys' ? `Không sửa được trường ${issue.keys.join(', ')} ở đây` : undefined),
    })
    .refine((body) => Object.keys(body).length > 0, {
      message: 'Không có trường nào để sửa',
      when: (payload) => payload.issues.length === 0,
    });
}
