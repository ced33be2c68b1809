CREATE TABLE `return_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`return_id` integer NOT NULL,
	`order_line_id` integer NOT NULL,
	`quantity` integer NOT NULL,
	`reason` text NOT NULL,
	`condition` text NOT NULL,
	`verdict` text NOT NULL,
	`override_reason` text,
	`overridden_by` integer,
	`item_minor` integer NOT NULL,
	`tax_minor` integer NOT NULL,
	`fee_minor` integer NOT NULL,
	`shipping_minor` integer DEFAULT 0 NOT NULL,
	`label_minor` integer DEFAULT 0 NOT NULL,
	`refund_minor` integer NOT NULL,
	`outcome` text,
	`inspected_condition` text,
	`location_id` integer,
	`write_off_reason` text,
	`inspected_by` integer,
	`inspected_at` text,
	FOREIGN KEY (`return_id`) REFERENCES `returns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`order_line_id`) REFERENCES `order_lines`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`overridden_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`location_id`) REFERENCES `locations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`inspected_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `return_lines_return` ON `return_lines` (`return_id`);--> statement-breakpoint
CREATE INDEX `return_lines_order_line` ON `return_lines` (`order_line_id`);--> statement-breakpoint
CREATE TABLE `return_policies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`effective_from` text NOT NULL,
	`policy` text NOT NULL,
	`note` text,
	`created_by` integer,
	`created_at` text NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `return_policies_effective` ON `return_policies` (`effective_from`,`id`);--> statement-breakpoint
CREATE TABLE `returns` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`number` text NOT NULL,
	`order_id` integer NOT NULL,
	`customer_id` integer,
	`status` text NOT NULL,
	`resolution` text NOT NULL,
	`currency` text NOT NULL,
	`policy_id` integer NOT NULL,
	`verdict` text NOT NULL,
	`needs_approval` integer DEFAULT false NOT NULL,
	`shipping_refund_minor` integer DEFAULT 0 NOT NULL,
	`label_minor` integer DEFAULT 0 NOT NULL,
	`total_minor` integer NOT NULL,
	`resolved_minor` integer,
	`refund_id` integer,
	`replacement_order_id` integer,
	`note` text,
	`tracking_number` text,
	`reject_reason` text,
	`created_by` integer,
	`created_at` text NOT NULL,
	`approved_by` integer,
	`approved_at` text,
	`in_transit_at` text,
	`received_at` text,
	`inspected_at` text,
	`resolved_at` text,
	`rejected_at` text,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`policy_id`) REFERENCES `return_policies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`refund_id`) REFERENCES `refunds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`replacement_order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `returns_number_unique` ON `returns` (`number`);--> statement-breakpoint
CREATE INDEX `returns_status` ON `returns` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `returns_order` ON `returns` (`order_id`);--> statement-breakpoint
CREATE INDEX `returns_customer` ON `returns` (`customer_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `returns_refund` ON `returns` (`refund_id`);--> statement-breakpoint
CREATE TABLE `store_credits` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`delta_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`reason` text NOT NULL,
	`return_id` integer,
	`user_id` integer,
	`at` text NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`return_id`) REFERENCES `returns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `store_credits_customer` ON `store_credits` (`customer_id`,`at`);--> statement-breakpoint
CREATE UNIQUE INDEX `store_credits_return` ON `store_credits` (`return_id`);