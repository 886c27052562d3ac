DROP INDEX "people_cccd_idx";--> statement-breakpoint
CREATE INDEX "people_cccd_idx" ON "people" USING btree ("cccd_index") WHERE cccd_index is not null;