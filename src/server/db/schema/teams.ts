import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';

/**
 * A Tổ CNSCĐ: attached to a village (village team) or to the commune itself (commune team).
 * `unitPath` is the path of the unit it is attached to, so subtree scoping is one LIKE.
 */
export const teams = pgTable(
  'teams',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    structure: text('structure').notNull(),
    /** The village code (village team) or the commune code (commune team). */
    unitCode: text('unit_code').notNull(),
    communeCode: text('commune_code').notNull(),
    provinceCode: text('province_code').notNull(),
    unitPath: text('unit_path').notNull(),
    level: text('level').notNull(),
    name: text('name').notNull(),
    searchName: text('search_name').notNull(),
    establishedOn: date('established_on'),
    decisionNumber: text('decision_number'),
    decisionDate: date('decision_date'),
    decisionSigner: text('decision_signer'),
    decisionIssuer: text('decision_issuer'),
    /** BlobStore key and media type of the signed decision's scan. */
    decisionScanKey: text('decision_scan_key'),
    decisionScanType: text('decision_scan_type'),
    status: text('status').notNull().default('active'),
    dissolvedOn: date('dissolved_on'),
    dissolvedReason: text('dissolved_reason'),
    /** Set when the team was merged into another one (it is then dissolved and its members joined that team). */
    mergedIntoTeamId: uuid('merged_into_team_id').references((): AnyPgColumn => teams.id),
    zaloGroupUrl: text('zalo_group_url'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('teams_path_idx').on(t.unitPath.op('text_pattern_ops')),
    index('teams_commune_idx').on(t.structure, t.communeCode),
    uniqueIndex('teams_active_name_uq')
      .on(t.structure, t.communeCode, t.searchName)
      .where(sql`status = 'active'`),
  ],
);

/**
 * Where a team was re-attached from and to (ADR 0012): a move into a village or commune of the
 * current structure, or the move of a team merged into another. The team row holds where it is
 * now; these rows are its history. A team leaves a structure other than its own at most once.
 */
export const teamMoves = pgTable(
  'team_moves',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id),
    /** move | merge | village (its village merged into or renamed as another) */
    kind: text('kind').notNull(),
    movedOn: date('moved_on').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    fromStructure: text('from_structure').notNull(),
    fromUnitCode: text('from_unit_code').notNull(),
    fromCommuneCode: text('from_commune_code').notNull(),
    fromUnitPath: text('from_unit_path').notNull(),
    fromLevel: text('from_level').notNull(),
    toStructure: text('to_structure').notNull(),
    toUnitCode: text('to_unit_code').notNull(),
    toCommuneCode: text('to_commune_code').notNull(),
    toUnitPath: text('to_unit_path').notNull(),
  },
  (t) => [
    index('team_moves_team_idx').on(t.teamId, t.at),
    index('team_moves_from_path_idx').on(t.fromUnitPath.op('text_pattern_ops')),
    index('team_moves_from_commune_idx').on(t.fromStructure, t.fromCommuneCode),
    index('team_moves_to_commune_idx').on(t.toStructure, t.toCommuneCode),
    uniqueIndex('team_moves_left_structure_uq')
      .on(t.teamId, t.fromStructure)
      .where(sql`from_structure <> to_structure`),
  ],
);

/** A person who is or was a team member, registered in one commune. */
export const people = pgTable(
  'people',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    structure: text('structure').notNull(),
    communeCode: text('commune_code').notNull(),
    provinceCode: text('province_code').notNull(),
    /** Path of the commune the person was registered in; scopes who may see them. */
    unitPath: text('unit_path').notNull(),
    fullName: text('full_name').notNull(),
    searchName: text('search_name').notNull(),
    phone: text('phone'),
    isZalo: boolean('is_zalo').notNull().default(false),
    gender: text('gender'),
    birthYear: integer('birth_year'),
    affiliation: text('affiliation'),
    affiliationDetail: text('affiliation_detail'),
    /** AES-256-GCM token; never stored in clear. */
    cccdEncrypted: text('cccd_encrypted'),
    /** HMAC of the CCCD, to find duplicates without decrypting. */
    cccdIndex: text('cccd_index'),
    cccdMasked: text('cccd_masked'),
    /** Set when the person's identity was erased on request: counts and history stay, identity does not. */
    anonymisedAt: timestamp('anonymised_at', { withTimezone: true }),
    /**
     * Set on a person whose phone another person of the commune already held when the rule "one
     * person per phone in a commune" came in (ADR 0014): that person's id. Such pairs are listed
     * as possible duplicates until merged; everyone else holds their phone alone.
     */
    duplicateOf: uuid('duplicate_of'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One index for a subtree's people (a prefix of the path), for an import's lookups (a
    // commune's path, then a phone), and for one person per phone in a commune: every person not
    // flagged as a duplicate has the same third key, each flagged one its own id (ADR 0014).
    uniqueIndex('people_path_phone_uq').on(
      t.unitPath.op('text_pattern_ops'),
      t.phone,
      sql`(case when duplicate_of is null then '00000000-0000-0000-0000-000000000000'::uuid else id end)`,
    ),
    // Only people with a CCCD are ever looked up by it; most members have none.
    index('people_cccd_idx')
      .on(t.cccdIndex)
      .where(sql`cccd_index is not null`),
  ],
);

/** A person's place in a team over time; leaving sets `toDate`, the row stays as history. */
export const memberships = pgTable(
  'memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    role: text('role').notNull(),
    title: text('title'),
    fromDate: date('from_date').notNull(),
    toDate: date('to_date'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('memberships_person_idx').on(t.personId),
    // A team's memberships, past ones too, and at most one active membership of a person in a
    // team, in one index: every active one has the same third key, every ended one its own id.
    uniqueIndex('memberships_team_person_uq').on(
      t.teamId,
      t.personId,
      sql`(case when to_date is null then '00000000-0000-0000-0000-000000000000'::uuid else id end)`,
    ),
  ],
);

/** Commune officials in charge of the teams (seed 001): name, position, CCCD, phone. */
export const officialsInCharge = pgTable(
  'officials_in_charge',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    structure: text('structure').notNull(),
    communeCode: text('commune_code').notNull(),
    unitPath: text('unit_path').notNull(),
    fullName: text('full_name').notNull(),
    position: text('position'),
    phone: text('phone'),
    cccdEncrypted: text('cccd_encrypted'),
    cccdIndex: text('cccd_index'),
    cccdMasked: text('cccd_masked'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('officials_path_idx').on(t.unitPath.op('text_pattern_ops'))],
);

/** Per-province settings: composition rules, decision legal bases, department label. */
export const provinceSettings = pgTable(
  'province_settings',
  {
    structure: text('structure').notNull(),
    provinceCode: text('province_code').notNull(),
    settings: jsonb('settings').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('province_settings_pk').on(t.structure, t.provinceCode)],
);
