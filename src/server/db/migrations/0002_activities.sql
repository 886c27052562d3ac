CREATE TABLE "activities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"idempotency_key" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"structure" text NOT NULL,
	"province_code" text NOT NULL,
	"commune_code" text NOT NULL,
	"unit_path" text NOT NULL,
	"village_code" text,
	"date" date NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"links" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"review_comment" text,
	"reviewed_by_user_id" uuid,
	"reviewed_at" timestamp with time zone,
	"created_by_user_id" uuid,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "activities_idempotency_key_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "activity_photos" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"activity_id" uuid NOT NULL,
	"client_key" uuid,
	"blob_key" text NOT NULL,
	"thumb_key" text NOT NULL,
	"content_type" text NOT NULL,
	"bytes" integer NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activity_values" (
	"activity_id" uuid NOT NULL,
	"indicator_code" text NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "activity_values_activity_id_indicator_code_pk" PRIMARY KEY("activity_id","indicator_code")
);
--> statement-breakpoint
CREATE TABLE "commune_targets" (
	"year" integer NOT NULL,
	"structure" text NOT NULL,
	"commune_code" text NOT NULL,
	"indicator_code" text NOT NULL,
	"target" integer NOT NULL,
	"province_code" text NOT NULL,
	"unit_path" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "commune_targets_year_structure_commune_code_indicator_code_pk" PRIMARY KEY("year","structure","commune_code","indicator_code")
);
--> statement-breakpoint
CREATE TABLE "indicators" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"province_code" text,
	"code" text NOT NULL,
	"name_vi" text NOT NULL,
	"name_en" text NOT NULL,
	"unit" text NOT NULL,
	"field" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"retired_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "target_years" (
	"structure" text NOT NULL,
	"province_code" text NOT NULL,
	"year" integer NOT NULL,
	"completion_deadline" date NOT NULL,
	"report_deadline" date NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "target_years_structure_province_code_year_pk" PRIMARY KEY("structure","province_code","year")
);
--> statement-breakpoint
CREATE TABLE "targets" (
	"year" integer NOT NULL,
	"team_id" uuid NOT NULL,
	"indicator_code" text NOT NULL,
	"target" integer NOT NULL,
	"province_code" text NOT NULL,
	"commune_code" text NOT NULL,
	"unit_path" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "targets_year_team_id_indicator_code_pk" PRIMARY KEY("year","team_id","indicator_code")
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "person_id" uuid;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_reviewed_by_user_id_users_id_fk" FOREIGN KEY ("reviewed_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_photos" ADD CONSTRAINT "activity_photos_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_values" ADD CONSTRAINT "activity_values_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activities_path_idx" ON "activities" USING btree ("unit_path" text_pattern_ops,"date");--> statement-breakpoint
CREATE INDEX "activities_team_idx" ON "activities" USING btree ("team_id","date");--> statement-breakpoint
CREATE INDEX "activities_feed_idx" ON "activities" USING btree ("province_code","created_at");--> statement-breakpoint
CREATE INDEX "activity_photos_activity_idx" ON "activity_photos" USING btree ("activity_id");--> statement-breakpoint
CREATE UNIQUE INDEX "activity_photos_client_key_uq" ON "activity_photos" USING btree ("activity_id","client_key");--> statement-breakpoint
CREATE INDEX "commune_targets_path_idx" ON "commune_targets" USING btree ("year","unit_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "indicators_national_code_uq" ON "indicators" USING btree ("code") WHERE province_code is null;--> statement-breakpoint
CREATE UNIQUE INDEX "indicators_province_code_uq" ON "indicators" USING btree ("province_code","code") WHERE province_code is not null;--> statement-breakpoint
CREATE INDEX "targets_path_idx" ON "targets" USING btree ("year","unit_path" text_pattern_ops);--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_person_id_unique" UNIQUE("person_id");--> statement-breakpoint
INSERT INTO "indicators" ("province_code", "code", "name_vi", "name_en", "unit", "field", "sort_order") VALUES
(NULL, 'DVC_HUONG_DAN', 'Hướng dẫn dịch vụ công trực tuyến', 'Residents guided to use online public services', 'people', 'government', 10),
(NULL, 'DVC_HO_SO', 'Hồ sơ dịch vụ công trực tuyến được hỗ trợ nộp', 'Online public-service applications filed with help', 'applications', 'government', 20),
(NULL, 'TMDT_DANG_KY', 'Hộ, cơ sở được hỗ trợ lên sàn thương mại điện tử (voso.vn, postmart.vn…)', 'Households and businesses helped onto e-commerce platforms (voso.vn, postmart.vn…)', 'households', 'economy', 30),
(NULL, 'MUA_SAM_TRUC_TUYEN', 'Hướng dẫn mua sắm trực tuyến', 'Residents guided to shop online', 'people', 'economy', 40),
(NULL, 'TAI_KHOAN_TTDT', 'Tài khoản thanh toán điện tử được hỗ trợ mở', 'E-payment accounts opened with help', 'accounts', 'economy', 50),
(NULL, 'THANH_TOAN_TRUC_TUYEN', 'Hướng dẫn thanh toán trực tuyến', 'Residents guided to pay online', 'people', 'economy', 60),
(NULL, 'AN_TOAN_MANG', 'Hướng dẫn bảo vệ bản thân trên môi trường số', 'Residents guided to stay safe online', 'people', 'society', 70),
(NULL, 'NEN_TANG_SO_KHAC', 'Hướng dẫn dùng nền tảng số khác của địa phương (y tế, giáo dục, an sinh…)', 'Residents guided to use other local digital platforms (health, education, welfare…)', 'people', 'society', 80),
(NULL, 'TUYEN_TRUYEN_BUOI', 'Buổi tuyên truyền về chuyển đổi số', 'Digital-transformation awareness sessions', 'sessions', 'propaganda', 90),
(NULL, 'TUYEN_TRUYEN_NGUOI', 'Lượt người dự tuyên truyền', 'Participants in awareness sessions', 'people', 'propaganda', 100),
(NULL, 'TAP_HUAN_LOP', 'Lớp tập huấn kỹ năng số', 'Digital-skills training classes', 'classes', 'skills', 110),
(NULL, 'TAP_HUAN_NGUOI', 'Người được tập huấn kỹ năng số', 'People trained in digital skills', 'people', 'skills', 120),
(NULL, 'HO_THANH_THAO_5KN', 'Hộ có ít nhất một người thành thạo 05 kỹ năng số cơ bản', 'Households with at least one member fluent in the five basic digital skills', 'households', 'skills', 130);
