CREATE TABLE "report_definitions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"structure" text NOT NULL,
	"province_code" text NOT NULL,
	"owner_unit_code" text NOT NULL,
	"owner_unit_path" text NOT NULL,
	"name" text NOT NULL,
	"period_type" text NOT NULL,
	"due_day" integer,
	"due_on" date,
	"submitting_level" text NOT NULL,
	"indicator_codes" jsonb NOT NULL,
	"sections" jsonb NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_instances" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"definition_id" uuid NOT NULL,
	"unit_code" text NOT NULL,
	"unit_path" text NOT NULL,
	"period" text NOT NULL,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"numbers" jsonb NOT NULL,
	"section_texts" jsonb NOT NULL,
	"numbers_refreshed_at" timestamp with time zone,
	"first_submitted_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"submitted_by_user_id" uuid,
	"returned_comment" text,
	"returned_at" timestamp with time zone,
	"approved_at" timestamp with time zone,
	"approved_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "report_definitions" ADD CONSTRAINT "report_definitions_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_instances" ADD CONSTRAINT "report_instances_definition_id_report_definitions_id_fk" FOREIGN KEY ("definition_id") REFERENCES "public"."report_definitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_instances" ADD CONSTRAINT "report_instances_submitted_by_user_id_users_id_fk" FOREIGN KEY ("submitted_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_instances" ADD CONSTRAINT "report_instances_approved_by_user_id_users_id_fk" FOREIGN KEY ("approved_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "report_definitions_owner_idx" ON "report_definitions" USING btree ("owner_unit_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "report_instances_unit_period_uq" ON "report_instances" USING btree ("definition_id","unit_code","period");--> statement-breakpoint
CREATE INDEX "report_instances_path_idx" ON "report_instances" USING btree ("unit_path" text_pattern_ops);