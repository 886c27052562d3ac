CREATE TABLE "rollups" (
	"key" text NOT NULL,
	"indicator_code" text NOT NULL,
	"month" date NOT NULL,
	"shard" smallint DEFAULT 0 NOT NULL,
	"achieved" bigint NOT NULL,
	CONSTRAINT "rollups_key_indicator_code_month_shard_pk" PRIMARY KEY("key","indicator_code","month","shard")
);
--> statement-breakpoint
-- Totals of the activities recorded before rollups existed: the team, and every unit from the
-- team's unit up to the nation (for a legacy team, also from its commune's successor in the
-- current structure); nation and province rows sharded by the team, as the code does.
INSERT INTO "rollups" ("key", "indicator_code", "month", "shard", "achieved")
SELECT k.key, v.indicator_code, date_trunc('month', a.date)::date, k.shard, sum(v.count)
FROM "activities" a
JOIN "activity_values" v ON v.activity_id = a.id
CROSS JOIN LATERAL (
  SELECT 'team:' || a.team_id::text AS key, 0 AS shard
  UNION ALL
  SELECT split_part(p.path, ':', 1) || ':/' || coalesce(string_agg(seg, '/' ORDER BY n) FILTER (WHERE n <= depth), '') || CASE WHEN depth > 0 THEN '/' ELSE '' END,
    CASE WHEN depth <= 1 THEN ('x' || substr(a.team_id::text, 1, 2))::bit(8)::int % 8 ELSE 0 END
  FROM (
    SELECT a.unit_path AS path
    UNION ALL
    SELECT o.path FROM (
      SELECT s.to_code FROM "unit_successors" s
      WHERE a.structure = 'legacy' AND s.from_structure = 'legacy' AND s.from_code = a.commune_code
      ORDER BY s.is_partial, s.to_code LIMIT 1
    ) f JOIN "org_units" o ON o.structure = 'current' AND o.code = f.to_code
  ) p
  CROSS JOIN LATERAL generate_series(0, cardinality(string_to_array(trim(both '/' from split_part(p.path, ':', 2)), '/'))) AS depth
  CROSS JOIN LATERAL unnest(string_to_array(trim(both '/' from split_part(p.path, ':', 2)), '/')) WITH ORDINALITY AS s(seg, n)
  GROUP BY p.path, depth
) k
WHERE a.deleted_at IS NULL AND a.status <> 'returned'
GROUP BY 1, 2, 3, 4;
