CREATE TABLE `exception_counts` (
	`reason` text PRIMARY KEY NOT NULL,
	`count` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `order_views` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`name` text NOT NULL,
	`spec` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `order_views_user_name` ON `order_views` (`user_id`,`name`);--> statement-breakpoint
CREATE INDEX `order_views_user` ON `order_views` (`user_id`);--> statement-breakpoint
-- Exception reasons counted the way queue_counts counts queues: by trigger, so the
-- Exceptions breakdown is a 5-row read at any size. Only rows in (or leaving) the
-- Exceptions queue pay for it. The backfill below is the one full pass, at upgrade.
INSERT INTO exception_counts(reason, count) VALUES
  ('payment_pending',0),('payment_failed',0),('address_problem',0),('stock_short',0),('sync_error',0);
--> statement-breakpoint
INSERT INTO exception_counts(reason, count)
  SELECT coalesce(exception_reason, 'unknown'), count(*) FROM orders WHERE queue = 'exceptions' GROUP BY 1 ORDER BY 1
  ON CONFLICT(reason) DO UPDATE SET count = excluded.count;
--> statement-breakpoint
CREATE TRIGGER orders_exception_count_insert AFTER INSERT ON orders WHEN NEW.queue = 'exceptions' BEGIN
  INSERT INTO exception_counts(reason, count) VALUES (coalesce(NEW.exception_reason, 'unknown'), 1) ON CONFLICT(reason) DO UPDATE SET count = count + 1;
END;
--> statement-breakpoint
CREATE TRIGGER orders_exception_count_update AFTER UPDATE OF queue, exception_reason ON orders
  WHEN (OLD.queue = 'exceptions' OR NEW.queue = 'exceptions') AND (OLD.queue IS NOT NEW.queue OR OLD.exception_reason IS NOT NEW.exception_reason) BEGIN
  UPDATE exception_counts SET count = count - 1 WHERE OLD.queue = 'exceptions' AND reason = coalesce(OLD.exception_reason, 'unknown');
  INSERT INTO exception_counts(reason, count) SELECT coalesce(NEW.exception_reason, 'unknown'), 1 WHERE NEW.queue = 'exceptions' ON CONFLICT(reason) DO UPDATE SET count = count + 1;
END;
--> statement-breakpoint
CREATE TRIGGER orders_exception_count_delete AFTER DELETE ON orders WHEN OLD.queue = 'exceptions' BEGIN
  UPDATE exception_counts SET count = count - 1 WHERE reason = coalesce(OLD.exception_reason, 'unknown');
END;
--> statement-breakpoint
-- Lines still to ship, by variant: when a variant's stock changes, allocation finds
-- the open orders that want it without reading the (mostly shipped) order history.
CREATE INDEX order_lines_unshipped_variant ON order_lines (variant_id, order_id) WHERE quantity - fulfilled_quantity - refunded_quantity > 0;
