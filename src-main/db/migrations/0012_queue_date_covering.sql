DROP INDEX `orders_q_total`;--> statement-breakpoint
DROP INDEX `orders_q_number`;--> statement-breakpoint
DROP INDEX `orders_q_customer`;--> statement-breakpoint
DROP INDEX `orders_total`;--> statement-breakpoint
DROP INDEX `orders_customer_name`;--> statement-breakpoint
CREATE INDEX `orders_q_total` ON `orders` (`queue`,`total_minor`,`id`,`created_at`);--> statement-breakpoint
CREATE INDEX `orders_q_number` ON `orders` (`queue`,`number`,`created_at`);--> statement-breakpoint
CREATE INDEX `orders_q_customer` ON `orders` (`queue`,`customer_name`,`id`,`created_at`);--> statement-breakpoint
CREATE INDEX `orders_total` ON `orders` (`total_minor`,`id`,`created_at`);--> statement-breakpoint
CREATE INDEX `orders_customer_name` ON `orders` (`customer_name`,`id`,`created_at`);--> statement-breakpoint
-- The order numbers created in each hour (created_at's first 13 characters), as
-- bounds: a list sorted by number with a date range starts its walk of the number
-- index at the range's smallest possible number instead of at the first order
-- ever (order numbers grow with time, so at 1M orders that walk crossed hundreds
-- of thousands of orders outside the range). Bounds only ever widen: an order
-- deleted or moved leaves them wider than needed, never wrong. One small upsert
-- per new order; hand-written (not in the drizzle schema) like the other derived tables.
CREATE TABLE order_number_hours (
  hour text PRIMARY KEY NOT NULL,
  min_number integer NOT NULL,
  max_number integer NOT NULL
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO order_number_hours(hour, min_number, max_number)
  SELECT substr(created_at, 1, 13), min(number), max(number) FROM orders GROUP BY 1;
--> statement-breakpoint
CREATE TRIGGER orders_number_hours_insert AFTER INSERT ON orders BEGIN
  INSERT INTO order_number_hours(hour, min_number, max_number) VALUES (substr(NEW.created_at, 1, 13), NEW.number, NEW.number)
    ON CONFLICT(hour) DO UPDATE SET min_number = min(min_number, excluded.min_number), max_number = max(max_number, excluded.max_number);
END;
--> statement-breakpoint
CREATE TRIGGER orders_number_hours_update AFTER UPDATE OF number, created_at ON orders
  WHEN OLD.number IS NOT NEW.number OR OLD.created_at IS NOT NEW.created_at BEGIN
  INSERT INTO order_number_hours(hour, min_number, max_number) VALUES (substr(NEW.created_at, 1, 13), NEW.number, NEW.number)
    ON CONFLICT(hour) DO UPDATE SET min_number = min(min_number, excluded.min_number), max_number = max(max_number, excluded.max_number);
END;
