CREATE TYPE "public"."verification_check_outcome" AS ENUM('ok', 'warning', 'failed');--> statement-breakpoint
CREATE TABLE "verification_checks" (
	"account_id" uuid NOT NULL,
	"prefix" text NOT NULL,
	"file_url" text NOT NULL,
	"file_known" boolean NOT NULL,
	"checked_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"outcome" "verification_check_outcome" NOT NULL,
	"problems" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"cert_not_after" timestamp (3) with time zone,
	"days_left" integer,
	CONSTRAINT "verification_checks_account_id_prefix_pk" PRIMARY KEY("account_id","prefix")
);
--> statement-breakpoint
ALTER TABLE "verification_checks" ADD CONSTRAINT "verification_checks_account_id_wechat_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."wechat_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "verification_checks_outcome_idx" ON "verification_checks" USING btree ("outcome");