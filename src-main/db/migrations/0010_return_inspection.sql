ALTER TABLE `return_lines` ADD `inspected_verdict` text;--> statement-breakpoint
ALTER TABLE `return_lines` ADD `inspection_notes` text;--> statement-breakpoint
ALTER TABLE `return_lines` ADD `declared_refund_minor` integer;