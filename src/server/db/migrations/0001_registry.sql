CREATE TABLE "memberships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"team_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"role" text NOT NULL,
	"title" text,
	"from_date" date NOT NULL,
	"to_date" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "officials_in_charge" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"structure" text NOT NULL,
	"commune_code" text NOT NULL,
	"unit_path" text NOT NULL,
	"full_name" text NOT NULL,
	"position" text,
	"phone" text,
	"cccd_encrypted" text,
	"cccd_index" text,
	"cccd_masked" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "people" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"structure" text NOT NULL,
	"commune_code" text NOT NULL,
	"province_code" text NOT NULL,
	"unit_path" text NOT NULL,
	"full_name" text NOT NULL,
	"search_name" text NOT NULL,
	"phone" text,
	"is_zalo" boolean DEFAULT false NOT NULL,
	"gender" text,
	"birth_year" integer,
	"affiliation" text,
	"affiliation_detail" text,
	"cccd_encrypted" text,
	"cccd_index" text,
	"cccd_masked" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "province_settings" (
	"structure" text NOT NULL,
	"province_code" text NOT NULL,
	"settings" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "teams" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"structure" text NOT NULL,
	"unit_code" text NOT NULL,
	"commune_code" text NOT NULL,
	"province_code" text NOT NULL,
	"unit_path" text NOT NULL,
	"level" text NOT NULL,
	"name" text NOT NULL,
	"search_name" text NOT NULL,
	"established_on" date,
	"decision_number" text,
	"decision_date" date,
	"decision_signer" text,
	"decision_issuer" text,
	"decision_scan_key" text,
	"decision_scan_type" text,
	"status" text DEFAULT 'active' NOT NULL,
	"dissolved_on" date,
	"dissolved_reason" text,
	"zalo_group_url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"phase" text NOT NULL,
	"progress" real DEFAULT 0 NOT NULL,
	"rows_read" integer DEFAULT 0 NOT NULL,
	"result" jsonb,
	"error" text,
	"created_by" uuid,
	"unit_path" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "memberships_team_idx" ON "memberships" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "memberships_person_idx" ON "memberships" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "memberships_active_uq" ON "memberships" USING btree ("team_id","person_id") WHERE to_date is null;--> statement-breakpoint
CREATE INDEX "officials_path_idx" ON "officials_in_charge" USING btree ("unit_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "people_path_idx" ON "people" USING btree ("unit_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "people_phone_idx" ON "people" USING btree ("structure","commune_code","phone");--> statement-breakpoint
CREATE INDEX "people_cccd_idx" ON "people" USING btree ("cccd_index");--> statement-breakpoint
CREATE UNIQUE INDEX "province_settings_pk" ON "province_settings" USING btree ("structure","province_code");--> statement-breakpoint
CREATE INDEX "teams_path_idx" ON "teams" USING btree ("unit_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "teams_commune_idx" ON "teams" USING btree ("structure","commune_code");--> statement-breakpoint
CREATE UNIQUE INDEX "teams_active_name_uq" ON "teams" USING btree ("structure","commune_code","search_name") WHERE status = 'active';--> statement-breakpoint
CREATE INDEX "import_jobs_created_by_idx" ON "import_jobs" USING btree ("created_by","created_at");