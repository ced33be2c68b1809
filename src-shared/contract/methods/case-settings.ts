import { z } from 'zod';
import { id, method } from './common';
import { CASE_TYPES, type CaseDetail, type CaseType, type ReplyTemplate } from './cases';

/**
 * Case settings (owners and managers): hours to a first answer per case type,
 * the reply templates with their placeholders, and the SMTP server replies
 * are sent through. Sending a reply is for everyone who works cases.
 */
export const SMTP_SECURITY = ['tls', 'starttls', 'none'] as const;
export type SmtpSecurity = (typeof SMTP_SECURITY)[number];

/** The SMTP settings as shown: never the password, only whether one is stored. */
export interface SmtpInfo {
  host: string;
  port: number;
  security: SmtpSecurity;
  user: string | null;
  from: string;
  hasPassword: boolean;
}

export interface CaseSettingsView {
  targets: Record<CaseType, number>;
  templates: ReplyTemplate[];
  /** What a template may use, e.g. "customer_name" for {customer_name}. */
  placeholders: string[];
  smtp: SmtpInfo | null;
}

const hours = z.number({ message: 'must be a number of hours' }).min(0.25, 'must be at least a quarter of an hour').max(24 * 30, 'must be at most 720 hours (30 days)');
const emailish = z.string().trim().min(3).max(254).regex(/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$|^.+<[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>$/, 'must be an email address, e.g. service@shop.example or "Shop <service@shop.example>"');

export const caseSettingsMethods = {
  'cases.settings': method<CaseSettingsView>()({
    input: z.object({}).strict().default({}),
    permission: 'customers.read',
    summary: 'Service targets per case type, reply templates and placeholders, and the SMTP server (without its password).',
  }),
  'cases.saveTargets': method<Record<CaseType, number>>()({
    input: z.object({ targets: z.object(Object.fromEntries(CASE_TYPES.map((t) => [t, hours])) as Record<CaseType, typeof hours>).strict() }).strict(),
    permission: 'cases.configure',
    summary: 'Sets the hours to a first answer for every case type (new cases’ due times follow them); audited.',
  }),
  'cases.saveTemplates': method<ReplyTemplate[]>()({
    input: z
      .object({
        templates: z
          .array(
            z
              .object({
                id: z.string().trim().min(1).max(64).optional(),
                name: z.string().trim().min(1, 'must not be empty').max(80, 'must be at most 80 characters'),
                body: z.string().trim().min(1, 'must not be empty').max(8000, 'must be at most 8000 characters'),
              })
              .strict(),
          )
          .max(50, 'at most 50 templates'),
      })
      .strict(),
    permission: 'cases.configure',
    summary: 'Replaces the reply templates; every placeholder must be a known one ({customer_name}, {order_number}, {tracking_link}, {case_number}, {shop_name}); audited.',
  }),
  'cases.saveSmtp': method<SmtpInfo>()({
    input: z
      .object({
        host: z.string().trim().min(1, 'must not be empty').max(253).regex(/^[a-z0-9.\-[\]:]+$/i, 'must be a host name or an IP address'),
        port: z.number().int('must be a whole number').min(1).max(65535),
        security: z.enum(SMTP_SECURITY),
        user: z.string().trim().max(254).nullable(),
        /** Left out: keep the stored one. null: none. */
        password: z.string().max(512).nullable().optional(),
        from: emailish,
      })
      .strict(),
    permission: 'cases.configure',
    summary: 'Sets the SMTP server replies go through; the password is kept in the workspace key file (or the OS keychain), never in the database; audited.',
  }),
  'cases.sendReply': method<CaseDetail>()({
    input: z
      .object({
        id,
        body: z.string().trim().min(1, 'must not be empty').max(8000, 'must be at most 8000 characters'),
        subject: z.string().trim().min(1).max(200).optional(),
      })
      .strict(),
    permission: 'customers.write',
    summary: 'Emails the reply to the case’s customer through the SMTP server and records it on the case; a failure says why and records nothing.',
  }),
} as const;
