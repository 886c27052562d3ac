import { boolean, date, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Every administrative unit of every structure (legacy, 2025, current) plus the villages
 * that communes create. A unit is identified by (structure, code): codes are reused
 * between structures.
 */
export const orgUnits = pgTable(
  'org_units',
  {
    structure: text('structure').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    shortName: text('short_name').notNull(),
    type: text('type').notNull(),
    level: text('level').notNull(),
    parentCode: text('parent_code'),
    provinceCode: text('province_code').notNull(),
    /** Materialised path "/province/[district/]commune/[village/]" used for subtree scoping. */
    path: text('path').notNull(),
    /** Name folded to lower-case ASCII (no diacritics, đ → d) for search. */
    searchName: text('search_name').notNull(),
    isOfficial: boolean('is_official').notNull().default(true),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.structure, t.code] }),
    index('org_units_parent_idx').on(t.structure, t.parentCode),
    index('org_units_level_idx').on(t.structure, t.level),
    index('org_units_path_idx').on(t.structure, t.path.op('text_pattern_ops')),
  ],
);

/**
 * A commune's statement that its village list is complete (loaded from Excel, or confirmed on
 * its page). Coverage counts only the villages of communes that made it (ADR 0014): a village
 * created because a Mẫu 2 team was named after it is not, alone, a declared list.
 */
export const villageListDeclarations = pgTable(
  'village_list_declarations',
  {
    structure: text('structure').notNull(),
    communeCode: text('commune_code').notNull(),
    /** The commune's path, for subtree scoping. */
    unitPath: text('unit_path').notNull(),
    declaredAt: timestamp('declared_at', { withTimezone: true }).notNull(),
    declaredByUserId: uuid('declared_by_user_id'),
  },
  (t) => [
    primaryKey({ columns: [t.structure, t.communeCode] }),
    index('village_list_declarations_path_idx').on(t.unitPath.op('text_pattern_ops')),
  ],
);

/** Legacy commune → the 2025 commune(s) it went into (`partial` where it was split). */
export const unitSuccessors = pgTable(
  'unit_successors',
  {
    fromStructure: text('from_structure').notNull(),
    fromCode: text('from_code').notNull(),
    toStructure: text('to_structure').notNull(),
    toCode: text('to_code').notNull(),
    isPartial: boolean('is_partial').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.fromStructure, t.fromCode, t.toStructure, t.toCode] }),
    index('unit_successors_to_idx').on(t.toStructure, t.toCode),
  ],
);

/**
 * Village lineage declared by a commune (ADR 0012): a village merged into, split into or renamed as
 * villages of the commune, from an effective date. The old villages keep their rows and codes.
 */
export const villageSuccessors = pgTable(
  'village_successors',
  {
    fromStructure: text('from_structure').notNull(),
    fromCode: text('from_code').notNull(),
    toStructure: text('to_structure').notNull(),
    toCode: text('to_code').notNull(),
    /** merge | split | rename */
    kind: text('kind').notNull(),
    effectiveOn: date('effective_on').notNull(),
    /** The commune that declared it (the successors' commune) and its path, for scoping. */
    communeCode: text('commune_code').notNull(),
    unitPath: text('unit_path').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.fromStructure, t.fromCode, t.toStructure, t.toCode] }),
    index('village_successors_to_idx').on(t.toStructure, t.toCode),
    index('village_successors_commune_idx').on(t.toStructure, t.communeCode),
  ],
);

/** Small key/value table: reference data versions and other install-wide facts. */
export const systemMeta = pgTable('system_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
