CREATE TABLE "hosted_verification_files" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"file_name" text NOT NULL,
	"file_content" text NOT NULL,
	"fetched_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "hosted_verification_files" ADD CONSTRAINT "hosted_verification_files_account_id_wechat_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."wechat_accounts"("id") ON DELETE cascade ON UPDATE no action;