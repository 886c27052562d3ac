CREATE TABLE "directive_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"directive_id" uuid NOT NULL,
	"task_id" uuid,
	"unit_code" text,
	"blob_key" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"bytes" integer NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "directive_recipients" (
	"directive_id" uuid NOT NULL,
	"unit_code" text NOT NULL,
	"unit_path" text NOT NULL,
	"opened_at" timestamp with time zone,
	"opened_by_user_id" uuid,
	CONSTRAINT "directive_recipients_directive_id_unit_code_pk" PRIMARY KEY("directive_id","unit_code")
);
--> statement-breakpoint
CREATE TABLE "directive_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"directive_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"due_on" date NOT NULL,
	"returns" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "directives" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"structure" text NOT NULL,
	"issuer_unit_code" text NOT NULL,
	"issuer_unit_path" text NOT NULL,
	"province_code" text NOT NULL,
	"kind" text NOT NULL,
	"number_symbol" text NOT NULL,
	"issued_on" date NOT NULL,
	"issuer_name" text NOT NULL,
	"excerpt" text NOT NULL,
	"signed_file_key" text,
	"signed_file_name" text,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_code" text NOT NULL,
	"unit_path" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"link" text,
	"due_on" date,
	"dedupe_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "task_responses" (
	"task_id" uuid NOT NULL,
	"unit_code" text NOT NULL,
	"unit_path" text NOT NULL,
	"status" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"answer" boolean,
	"done_at" timestamp with time zone,
	"done_by_user_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "task_responses_task_id_unit_code_pk" PRIMARY KEY("task_id","unit_code")
);
--> statement-breakpoint
CREATE TABLE "budget_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"expense_id" uuid,
	"settlement_id" uuid,
	"checklist_code" text,
	"blob_key" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"bytes" integer NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "expenses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"team_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"unit_path" text NOT NULL,
	"province_code" text NOT NULL,
	"spent_on" date NOT NULL,
	"purpose" text NOT NULL,
	"amount" bigint NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "funding_schemes" (
	"structure" text NOT NULL,
	"province_code" text NOT NULL,
	"year" integer NOT NULL,
	"kind" text NOT NULL,
	"amount" bigint NOT NULL,
	"months" integer DEFAULT 12 NOT NULL,
	"settlement_deadline" date NOT NULL,
	"checklist" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funding_schemes_structure_province_code_year_pk" PRIMARY KEY("structure","province_code","year")
);
--> statement-breakpoint
CREATE TABLE "settlements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"team_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"unit_path" text NOT NULL,
	"province_code" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"checked" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"submitted_at" timestamp with time zone,
	"reviewed_at" timestamp with time zone,
	"reviewed_by_user_id" uuid,
	"review_comment" text,
	"accepted_figures" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "directive_files" ADD CONSTRAINT "directive_files_directive_id_directives_id_fk" FOREIGN KEY ("directive_id") REFERENCES "public"."directives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directive_files" ADD CONSTRAINT "directive_files_task_id_directive_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."directive_tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directive_files" ADD CONSTRAINT "directive_files_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directive_recipients" ADD CONSTRAINT "directive_recipients_directive_id_directives_id_fk" FOREIGN KEY ("directive_id") REFERENCES "public"."directives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directive_recipients" ADD CONSTRAINT "directive_recipients_opened_by_user_id_users_id_fk" FOREIGN KEY ("opened_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directive_tasks" ADD CONSTRAINT "directive_tasks_directive_id_directives_id_fk" FOREIGN KEY ("directive_id") REFERENCES "public"."directives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directives" ADD CONSTRAINT "directives_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_responses" ADD CONSTRAINT "task_responses_task_id_directive_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."directive_tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_responses" ADD CONSTRAINT "task_responses_done_by_user_id_users_id_fk" FOREIGN KEY ("done_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_files" ADD CONSTRAINT "budget_files_expense_id_expenses_id_fk" FOREIGN KEY ("expense_id") REFERENCES "public"."expenses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_files" ADD CONSTRAINT "budget_files_settlement_id_settlements_id_fk" FOREIGN KEY ("settlement_id") REFERENCES "public"."settlements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_files" ADD CONSTRAINT "budget_files_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expenses" ADD CONSTRAINT "expenses_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expenses" ADD CONSTRAINT "expenses_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlements" ADD CONSTRAINT "settlements_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlements" ADD CONSTRAINT "settlements_reviewed_by_user_id_users_id_fk" FOREIGN KEY ("reviewed_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "directive_files_task_idx" ON "directive_files" USING btree ("task_id","unit_code");--> statement-breakpoint
CREATE INDEX "directive_recipients_path_idx" ON "directive_recipients" USING btree ("unit_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "directive_tasks_directive_idx" ON "directive_tasks" USING btree ("directive_id");--> statement-breakpoint
CREATE INDEX "directive_tasks_due_idx" ON "directive_tasks" USING btree ("due_on");--> statement-breakpoint
CREATE INDEX "directives_issuer_idx" ON "directives" USING btree ("issuer_unit_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "directives_issued_idx" ON "directives" USING btree ("province_code","issued_on");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_dedupe_uq" ON "notifications" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "notifications_path_idx" ON "notifications" USING btree ("unit_path" text_pattern_ops,"created_at");--> statement-breakpoint
CREATE INDEX "budget_files_expense_idx" ON "budget_files" USING btree ("expense_id");--> statement-breakpoint
CREATE INDEX "budget_files_settlement_idx" ON "budget_files" USING btree ("settlement_id");--> statement-breakpoint
CREATE INDEX "expenses_team_idx" ON "expenses" USING btree ("team_id","year");--> statement-breakpoint
CREATE INDEX "expenses_path_idx" ON "expenses" USING btree ("year","unit_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "settlements_team_year_uq" ON "settlements" USING btree ("team_id","year");--> statement-breakpoint
CREATE INDEX "settlements_path_idx" ON "settlements" USING btree ("year","unit_path" text_pattern_ops);