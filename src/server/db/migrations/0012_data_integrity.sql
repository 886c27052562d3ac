CREATE TABLE "village_list_declarations" (
	"structure" text NOT NULL,
	"commune_code" text NOT NULL,
	"unit_path" text NOT NULL,
	"declared_at" timestamp with time zone NOT NULL,
	"declared_by_user_id" uuid,
	CONSTRAINT "village_list_declarations_structure_commune_code_pk" PRIMARY KEY("structure","commune_code")
);
--> statement-breakpoint
CREATE INDEX "village_list_declarations_path_idx" ON "village_list_declarations" USING btree ("unit_path" text_pattern_ops);--> statement-breakpoint
ALTER TABLE "report_definitions" ADD COLUMN "first_period" text;--> statement-breakpoint
-- A definition already in use starts with the period it was created in (Vietnam time), or with
-- the earliest period a unit already reported for, whichever comes first.
UPDATE "report_definitions" d SET "first_period" = coalesce(
	(SELECT min(i."period") FILTER (WHERE i."period" < p.created) FROM "report_instances" i WHERE i."definition_id" = d."id"),
	p.created)
FROM (
	SELECT "id", CASE "period_type"
		WHEN 'monthly' THEN to_char(("created_at" AT TIME ZONE 'UTC') + interval '7 hours', 'YYYY-MM')
		WHEN 'quarterly' THEN to_char(("created_at" AT TIME ZONE 'UTC') + interval '7 hours', 'YYYY"Q"Q')
		WHEN 'yearly' THEN to_char(("created_at" AT TIME ZONE 'UTC') + interval '7 hours', 'YYYY')
		ELSE 'one-off' END AS created
	FROM "report_definitions") p
WHERE p."id" = d."id";--> statement-breakpoint
ALTER TABLE "report_definitions" ALTER COLUMN "first_period" SET NOT NULL;--> statement-breakpoint
DROP INDEX "people_path_phone_idx";--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "duplicate_of" uuid;--> statement-breakpoint
-- People of one commune sharing a phone: the first registered keeps it, the others are flagged as
-- its possible duplicates (listed for a merge, never merged here) so the unique index can hold.
UPDATE "people" p SET "duplicate_of" = d."keeper"
FROM (
	SELECT "id", first_value("id") OVER (PARTITION BY "unit_path", "phone" ORDER BY "created_at", "id") AS "keeper"
	FROM "people" WHERE "phone" IS NOT NULL) d
WHERE d."id" = p."id" AND d."keeper" <> d."id";--> statement-breakpoint
-- The migration reports what it flagged in the audit trail, one event per flagged person.
INSERT INTO "audit_events" ("actor_username", "action", "entity_type", "entity_id", "unit_path", "after")
SELECT 'migration', 'person.duplicate_flagged', 'person', p."id"::text, p."unit_path",
	jsonb_build_object('duplicateOf', p."duplicate_of", 'fullName', p."full_name", 'phone', p."phone")
FROM "people" p WHERE p."duplicate_of" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "people_path_phone_uq" ON "people" USING btree ("unit_path" text_pattern_ops,"phone",(case when duplicate_of is null then '00000000-0000-0000-0000-000000000000'::uuid else id end));
