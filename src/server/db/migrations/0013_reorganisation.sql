CREATE TABLE "village_successors" (
	"from_structure" text NOT NULL,
	"from_code" text NOT NULL,
	"to_structure" text NOT NULL,
	"to_code" text NOT NULL,
	"kind" text NOT NULL,
	"effective_on" date NOT NULL,
	"commune_code" text NOT NULL,
	"unit_path" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "village_successors_from_structure_from_code_to_structure_to_code_pk" PRIMARY KEY("from_structure","from_code","to_structure","to_code")
);
--> statement-breakpoint
CREATE TABLE "team_moves" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"team_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"moved_on" date NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"from_structure" text NOT NULL,
	"from_unit_code" text NOT NULL,
	"from_commune_code" text NOT NULL,
	"from_unit_path" text NOT NULL,
	"from_level" text NOT NULL,
	"to_structure" text NOT NULL,
	"to_unit_code" text NOT NULL,
	"to_commune_code" text NOT NULL,
	"to_unit_path" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "merged_into_team_id" uuid;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "recorded_path" text;--> statement-breakpoint
ALTER TABLE "team_moves" ADD CONSTRAINT "team_moves_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "village_successors_to_idx" ON "village_successors" USING btree ("to_structure","to_code");--> statement-breakpoint
CREATE INDEX "village_successors_commune_idx" ON "village_successors" USING btree ("to_structure","commune_code");--> statement-breakpoint
CREATE INDEX "team_moves_team_idx" ON "team_moves" USING btree ("team_id","at");--> statement-breakpoint
CREATE INDEX "team_moves_from_path_idx" ON "team_moves" USING btree ("from_unit_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "team_moves_from_commune_idx" ON "team_moves" USING btree ("from_structure","from_commune_code");--> statement-breakpoint
CREATE INDEX "team_moves_to_commune_idx" ON "team_moves" USING btree ("to_structure","to_commune_code");--> statement-breakpoint
CREATE UNIQUE INDEX "team_moves_left_structure_uq" ON "team_moves" USING btree ("team_id","from_structure") WHERE from_structure <> to_structure;--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_merged_into_team_id_teams_id_fk" FOREIGN KEY ("merged_into_team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;