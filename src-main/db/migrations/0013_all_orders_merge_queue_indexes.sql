DROP INDEX `orders_total`;--> statement-breakpoint
DROP INDEX `orders_customer_name`;