CREATE TABLE `customer_duplicate_pairs` (
	`a_id` integer NOT NULL,
	`b_id` integer NOT NULL,
	`probability` real NOT NULL,
	`band` text NOT NULL,
	`evidence` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`found_at` text NOT NULL,
	`decided_at` text,
	`decided_by` integer,
	PRIMARY KEY(`a_id`, `b_id`),
	FOREIGN KEY (`a_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`b_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `customer_duplicate_pairs_status` ON `customer_duplicate_pairs` (`status`,`probability`);--> statement-breakpoint
CREATE INDEX `customer_duplicate_pairs_b` ON `customer_duplicate_pairs` (`b_id`);--> statement-breakpoint
CREATE TABLE `customer_merges` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`survivor_id` integer NOT NULL,
	`merged_id` integer NOT NULL,
	`choices` text NOT NULL,
	`survivor_before` text NOT NULL,
	`moved` text NOT NULL,
	`merged_platform` text,
	`merged_external_id` text,
	`user_id` integer,
	`at` text NOT NULL,
	`undone_at` text,
	`undone_by` integer,
	FOREIGN KEY (`survivor_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`merged_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`undone_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `customer_merges_survivor` ON `customer_merges` (`survivor_id`);--> statement-breakpoint
CREATE INDEX `customer_merges_merged` ON `customer_merges` (`merged_id`);--> statement-breakpoint
CREATE TABLE `customer_notes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`body` text NOT NULL,
	`user_id` integer,
	`created_at` text NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `customer_notes_customer` ON `customer_notes` (`customer_id`,`created_at`);