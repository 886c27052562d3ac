ALTER TABLE "directive_tasks" ALTER COLUMN "due_on" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "directives" ALTER COLUMN "issued_on" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "directives" ADD COLUMN "issued_on_text" text;