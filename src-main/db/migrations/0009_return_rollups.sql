CREATE TABLE `return_rollups` (
	`dim` text NOT NULL,
	`day` text NOT NULL,
	`key` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`dim`, `day`, `key`)
);
--> statement-breakpoint
CREATE INDEX `return_rollups_key` ON `return_rollups` (`dim`,`key`,`day`);