ALTER TABLE "activities" ADD COLUMN "request_hash" text;--> statement-breakpoint
ALTER TABLE "activity_photos" ADD COLUMN "request_hash" text;