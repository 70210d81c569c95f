ALTER TYPE "public"."wechat_call_outcome" ADD VALUE 'pending';--> statement-breakpoint
ALTER TYPE "public"."wechat_call_outcome" ADD VALUE 'unknown';--> statement-breakpoint
-- wechat_calls is append-only, like activity_entries: deletes only inside retention pruning
-- (qrjump.pruning), and one update only: the completion of a pending attempt, which may not change
-- what identifies the call. ON DELETE SET NULL of operator_id is let through on its own.
CREATE FUNCTION "wechat_calls_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  probe "wechat_calls";
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF current_setting('qrjump.pruning', true) = 'on' THEN
      RETURN OLD;
    END IF;
    RAISE EXCEPTION 'WeChat call records are append-only (DELETE refused)';
  END IF;
  IF OLD.outcome::text = 'pending'
     AND NEW.id = OLD.id
     AND NEW.at = OLD.at
     AND NEW.call_id = OLD.call_id
     AND NEW.action_id IS NOT DISTINCT FROM OLD.action_id
     AND NEW.operator_id IS NOT DISTINCT FROM OLD.operator_id
     AND NEW.appid = OLD.appid
     AND NEW.operation = OLD.operation
     AND NEW.prefix IS NOT DISTINCT FROM OLD.prefix
     AND NEW.request_body IS NOT DISTINCT FROM OLD.request_body
     AND NEW.attempt = OLD.attempt THEN
    RETURN NEW;
  END IF;
  IF OLD.operator_id IS NOT NULL AND NEW.operator_id IS NULL THEN
    probe := NEW;
    probe.operator_id := OLD.operator_id;
    IF probe IS NOT DISTINCT FROM OLD THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION 'WeChat call records are append-only (UPDATE refused: only a pending attempt may be completed, once)';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "wechat_calls_append_only" BEFORE UPDATE OR DELETE ON "wechat_calls"
  FOR EACH ROW EXECUTE FUNCTION "wechat_calls_append_only"();
