CREATE TABLE "commune_target_totals" (
	"year" integer NOT NULL,
	"structure" text NOT NULL,
	"commune_code" text NOT NULL,
	"indicator_code" text NOT NULL,
	"target" bigint NOT NULL,
	"unit_path" text NOT NULL,
	CONSTRAINT "commune_target_totals_year_structure_commune_code_indicator_code_pk" PRIMARY KEY("year","structure","commune_code","indicator_code")
);
--> statement-breakpoint
CREATE INDEX "commune_target_totals_path_idx" ON "commune_target_totals" USING btree ("year","unit_path" text_pattern_ops);--> statement-breakpoint
INSERT INTO "commune_target_totals" ("year", "structure", "commune_code", "indicator_code", "target", "unit_path")
SELECT x.year, x.structure, x.commune_code, x.indicator_code, x.target, u.path
FROM (
  SELECT coalesce(c.year, s.year) AS year, coalesce(c.structure, s.structure) AS structure,
         coalesce(c.commune_code, s.commune_code) AS commune_code, coalesce(c.indicator_code, s.indicator_code) AS indicator_code,
         coalesce(c.target::bigint, s.target) AS target
  FROM (
    SELECT tg.year, t.structure, t.commune_code, tg.indicator_code, sum(tg.target)::bigint AS target
    FROM "targets" tg JOIN "teams" t ON t.id = tg.team_id AND t.status = 'active'
    GROUP BY 1, 2, 3, 4
  ) s
  FULL JOIN "commune_targets" c
    ON c.year = s.year AND c.structure = s.structure AND c.commune_code = s.commune_code AND c.indicator_code = s.indicator_code
) x
JOIN "org_units" u ON u.structure = x.structure AND u.code = x.commune_code;
