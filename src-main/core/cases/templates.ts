import type { ReplyTemplate } from '../../../src-shared/contract';

/**
 * Reply templates. Placeholders are written {customer_name} (the older
 * {{customer_name}} form still renders) and filled from the case when a reply
 * is made. The built-in set below is what a workspace starts with; owners and
 * managers edit their own (stored in settings, see case-settings.ts).
 */
export const PLACEHOLDERS = ['customer_name', 'order_number', 'tracking_link', 'case_number', 'shop_name'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

export const REPLY_TEMPLATES: ReplyTemplate[] = [
  {
    id: 'where-is-my-order',
    name: 'Where is my order?',
    body: 'Hi {customer_name},\n\nThanks for getting in touch about order {order_number}. It is on its way — you can follow it here: {tracking_link}\n\nKind regards',
  },
  {
    id: 'damaged-item',
    name: 'Damaged item — sorry',
    body: 'Hi {customer_name},\n\nI am sorry that part of order {order_number} arrived damaged. Could you send us a photo of the item and the packaging? We will send a replacement or refund straight away.\n\nKind regards',
  },
  {
    id: 'missing-item',
    name: 'Missing item',
    body: 'Hi {customer_name},\n\nThank you for letting us know that something was missing from order {order_number}. We are checking with the warehouse and will be back to you within one working day.\n\nKind regards',
  },
  {
    id: 'return-instructions',
    name: 'How to return',
    body: 'Hi {customer_name},\n\nOf course — to return items from order {order_number}, reply to this email with what you would like to send back and we will send you a return slip.\n\nKind regards',
  },
];

export type TemplateValues = Partial<Record<Placeholder, string | null>>;

const PLACEHOLDER = /\{\{(\w+)\}\}|\{(\w+)\}/g;

/** Fills placeholders; a placeholder without a value stays visible as [order number] and is listed in `missing`. */
export function renderTemplate(body: string, values: TemplateValues): { text: string; missing: string[] } {
  const missing: string[] = [];
  const text = body.replace(PLACEHOLDER, (_whole, a: string | undefined, b: string | undefined) => {
    const key = (a ?? b)!;
    const v = (values as Record<string, string | null | undefined>)[key];
    if (v) return v;
    if (!missing.includes(key)) missing.push(key);
    return `[${key.replace(/_/g, ' ')}]`;
  });
  return { text, missing };
}

/** What is wrong with a template body: unknown placeholders and braces that open or close nothing. Empty when it is fine. */
export function templateProblems(body: string): string[] {
  const problems: string[] = [];
  const unknown = new Set<string>();
  for (const m of body.matchAll(PLACEHOLDER)) {
    const key = (m[1] ?? m[2])!;
    if (!(PLACEHOLDERS as readonly string[]).includes(key)) unknown.add(key);
  }
  for (const k of unknown) problems.push(`{${k}} is not a placeholder (use ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')})`);
  const rest = body.replace(PLACEHOLDER, '');
  if (/[{}]/.test(rest)) problems.push('has a { or } that is not part of a placeholder such as {customer_name}');
  return problems;
}
