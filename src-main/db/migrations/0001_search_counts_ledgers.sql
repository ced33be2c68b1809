-- Custom migration: what drizzle's schema DSL cannot express.

-- Full-text search over order number, customer name/email/phone, SKU and product title.
-- Contentless: the text lives in orders/order_lines; rows are (re)written by the core.
CREATE VIRTUAL TABLE orders_fts USING fts5(
  number, customer, email, phone, items,
  content='', contentless_delete=1,
  tokenize='unicode61 remove_diacritics 2',
  prefix='2 3'
);
--> statement-breakpoint
INSERT INTO queue_counts(queue, count) VALUES
  ('new',0),('ready_to_pack',0),('partially_fulfilled',0),('on_hold',0),('exceptions',0),('fulfilled',0),('cancelled',0);
--> statement-breakpoint
CREATE TRIGGER orders_count_insert AFTER INSERT ON orders BEGIN
  UPDATE queue_counts SET count = count + 1 WHERE queue = NEW.queue;
END;
--> statement-breakpoint
CREATE TRIGGER orders_count_update AFTER UPDATE OF queue ON orders WHEN OLD.queue IS NOT NEW.queue BEGIN
  UPDATE queue_counts SET count = count - 1 WHERE queue = OLD.queue;
  UPDATE queue_counts SET count = count + 1 WHERE queue = NEW.queue;
END;
--> statement-breakpoint
CREATE TRIGGER orders_count_delete AFTER DELETE ON orders BEGIN
  UPDATE queue_counts SET count = count - 1 WHERE queue = OLD.queue;
END;
--> statement-breakpoint
-- Ledgers are append-only.
CREATE TRIGGER stock_movements_no_update BEFORE UPDATE ON stock_movements BEGIN
  SELECT RAISE(ABORT, 'stock_movements is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER stock_movements_no_delete BEFORE DELETE ON stock_movements BEGIN
  SELECT RAISE(ABORT, 'stock_movements is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
