DROP INDEX "memberships_team_idx";--> statement-breakpoint
DROP INDEX "memberships_active_uq";--> statement-breakpoint
DROP INDEX "people_path_idx";--> statement-breakpoint
DROP INDEX "people_phone_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "memberships_team_person_uq" ON "memberships" USING btree ("team_id","person_id",(case when to_date is null then '00000000-0000-0000-0000-000000000000'::uuid else id end));--> statement-breakpoint
CREATE INDEX "people_path_phone_idx" ON "people" USING btree ("unit_path" text_pattern_ops,"phone");