import type { ReplyTemplate } from '../../../src-shared/contract';

/** Reply templates; {{customer_name}}, {{order_number}} and {{tracking_link}} are filled from the case. */
export const REPLY_TEMPLATES: ReplyTemplate[] = [
  {
    id: 'where-is-my-order',
    name: 'Where is my order?',
    body: 'Hi {{customer_name}},\n\nThanks for getting in touch about order {{order_number}}. It is on its way — you can follow it here: {{tracking_link}}\n\nKind regards',
  },
  {
    id: 'damaged-item',
    name: 'Damaged item — sorry',
    body: 'Hi {{customer_name}},\n\nI am sorry that part of order {{order_number}} arrived damaged. Could you send us a photo of the item and the packaging? We will send a replacement or refund straight away.\n\nKind regards',
  },
  {
    id: 'missing-item',
    name: 'Missing item',
    body: 'Hi {{customer_name}},\n\nThank you for letting us know that something was missing from order {{order_number}}. We are checking with the warehouse and will be back to you within one working day.\n\nKind regards',
  },
  {
    id: 'return-instructions',
    name: 'How to return',
    body: 'Hi {{customer_name}},\n\nOf course — to return items from order {{order_number}}, reply to this email with what you would like to send back and we will send you a return slip.\n\nKind regards',
  },
];

export interface TemplateValues {
  customer_name: string | null;
  order_number: string | null;
  tracking_link: string | null;
}

/** Fills placeholders; a placeholder without a value stays visible as [order number] and is listed in `missing`. */
export function renderTemplate(body: string, values: TemplateValues): { text: string; missing: string[] } {
  const missing: string[] = [];
  const text = body.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => {
    const v = (values as unknown as Record<string, string | null | undefined>)[key];
    if (v) return v;
    if (!missing.includes(key)) missing.push(key);
    return `[${key.replace(/_/g, ' ')}]`;
  });
  return { text, missing };
}
