/** Every failure that crosses the contract has one of these codes and a message a person can act on. */
export const ERROR_CODES = [
  'VALIDATION',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'UNAVAILABLE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface OmsErrorShape {
  code: ErrorCode;
  message: string;
  /** For VALIDATION: the dotted path of the offending field, e.g. "lines.0.quantity". */
  field?: string;
  /** For RATE_LIMITED: how long to wait before trying again. */
  retryAfterMs?: number;
}

export class OmsError extends Error implements OmsErrorShape {
  readonly code: ErrorCode;
  readonly field?: string;
  readonly retryAfterMs?: number;

  constructor(code: ErrorCode, message: string, extra: { field?: string; retryAfterMs?: number } = {}) {
    super(message);
    this.name = 'OmsError';
    this.code = code;
    if (extra.field !== undefined) this.field = extra.field;
    if (extra.retryAfterMs !== undefined) this.retryAfterMs = extra.retryAfterMs;
  }

  toJSON(): OmsErrorShape {
    const out: OmsErrorShape = { code: this.code, message: this.message };
    if (this.field !== undefined) out.field = this.field;
    if (this.retryAfterMs !== undefined) out.retryAfterMs = this.retryAfterMs;
    return out;
  }

  static from(shape: OmsErrorShape): OmsError {
    return new OmsError(shape.code, shape.message, shape);
  }
}

export function isOmsErrorShape(value: unknown): value is OmsErrorShape {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as OmsErrorShape).code === 'string' &&
    (ERROR_CODES as readonly string[]).includes((value as OmsErrorShape).code) &&
    typeof (value as OmsErrorShape).message === 'string'
  );
}

/** What every transport carries back for one call. */
export type CallReply<T = unknown> = { ok: true; result: T } | { ok: false; error: OmsErrorShape };
