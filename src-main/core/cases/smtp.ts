import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { OmsError, type SmtpInfo, type SmtpSecurity } from '../../../src-shared/contract';
import type { CoreContext } from '../context';

/**
 * The SMTP server case replies are sent through. Like the shop's access
 * token it lives in the workspace's key folder (0600 file in a 0700 folder),
 * never in the database; the password is sealed by the host's secret store
 * when it has the OS keychain (Electron), kept as is in the key file otherwise.
 * Plain SMTP without TLS is only allowed to this machine (a local relay or a
 * test server): a password must not cross a network in clear.
 */
export interface SmtpConfig {
  host: string;
  port: number;
  security: SmtpSecurity;
  user: string | null;
  password: string | null;
  from: string;
}
interface Stored extends Omit<SmtpConfig, 'password'> {
  password?: string | null;
  sealedPassword?: string;
}
/** The host's secret store when it has one (see sync/secret-store); duck-typed so this file needs nothing but the context. */
interface Sealer {
  kind: string;
  seal(plain: string): Promise<string>;
  unseal(sealed: string): Promise<string>;
}

const LOCAL = ['127.0.0.1', 'localhost', '::1', '[::1]'];
const fileOf = (ctx: CoreContext) => join(ctx.paths.keys, 'smtp.json');
const keychain = (ctx: CoreContext): Sealer | null => {
  const s = (ctx as unknown as { secrets?: Sealer }).secrets;
  return s && s.kind === 'os-keychain' ? s : null;
};

function readStored(ctx: CoreContext): Stored | null {
  const file = fileOf(ctx);
  if (!existsSync(file)) return null;
  return JSON.parse(readFileSync(file, 'utf8')) as Stored;
}

export function smtpInfo(ctx: CoreContext): SmtpInfo | null {
  const s = readStored(ctx);
  return s ? { host: s.host, port: s.port, security: s.security, user: s.user, from: s.from, hasPassword: !!(s.password || s.sealedPassword) } : null;
}

export async function saveSmtp(ctx: CoreContext, input: Omit<SmtpConfig, 'password'> & { password?: string | null | undefined }, userId: number): Promise<SmtpInfo> {
  if (input.security === 'none' && !LOCAL.includes(input.host.toLowerCase()))
    throw new OmsError('VALIDATION', 'Without TLS the password and the replies would cross the network in clear; choose TLS or STARTTLS (plain SMTP only to this machine).', { field: 'security' });
  const before = readStored(ctx);
  // Password left out: keep the one stored. null: remove it (a server without sign-in).
  const keep = input.password === undefined && before ? { password: before.password ?? null, sealedPassword: before.sealedPassword } : null;
  const sealer = keychain(ctx);
  const stored: Stored = { host: input.host, port: input.port, security: input.security, user: input.user, from: input.from };
  if (keep) Object.assign(stored, keep.sealedPassword ? { sealedPassword: keep.sealedPassword } : { password: keep.password });
  else if (input.password) Object.assign(stored, sealer ? { sealedPassword: await sealer.seal(input.password) } : { password: input.password });
  const file = fileOf(ctx);
  writeFileSync(`${file}.tmp`, JSON.stringify(stored, null, 2) + '\n', { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
  ctx.audit.record({ at: ctx.clock.now().toISOString(), userId, action: 'cases.smtp', entityType: 'settings', entityId: 'smtp', detail: { host: input.host, port: input.port, security: input.security, user: input.user, passwordChanged: input.password !== undefined } });
  return smtpInfo(ctx)!;
}

export function removeSmtp(ctx: CoreContext, userId: number): void {
  rmSync(fileOf(ctx), { force: true });
  ctx.audit.record({ at: ctx.clock.now().toISOString(), userId, action: 'cases.smtp', entityType: 'settings', entityId: 'smtp', detail: { removed: true } });
}

async function loadConfig(ctx: CoreContext): Promise<SmtpConfig> {
  const s = readStored(ctx);
  if (!s) throw new OmsError('CONFLICT', 'No mail server is set up for replies yet; an owner or manager sets one in Cases → Settings.');
  let password = s.password ?? null;
  if (s.sealedPassword) {
    const sealer = keychain(ctx);
    if (!sealer) throw new OmsError('UNAVAILABLE', 'The mail password was locked with the desktop app’s keychain; send from the Orderhouse app, or enter the password again here.');
    password = await sealer.unseal(s.sealedPassword);
  }
  return { host: s.host, port: s.port, security: s.security, user: s.user, from: s.from, password };
}

/** Why a send failed, in words a person can act on. */
function explain(err: Error & { code?: string; responseCode?: number; response?: string }, c: SmtpConfig): string {
  const where = `${c.host}:${c.port}`;
  if (err.code === 'EAUTH') return `the mail server ${where} refused the user name or password (${err.response ?? err.message})`;
  if (err.code === 'ECONNECTION' || err.code === 'ESOCKET' || /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH/.test(err.message)) return `cannot reach the mail server ${where} (${err.message})`;
  if (err.code === 'ETIMEDOUT' || err.code === 'ETIMEOUT' || err.code === 'EGREETING') return `the mail server ${where} did not answer in time`;
  if (err.code === 'ETLS' || /TLS|SSL|certificate/i.test(err.message)) return `could not set up TLS with ${where} (${err.message}); check the port and the security setting`;
  if (err.code === 'EENVELOPE') return `the mail server ${where} refused the sender or the recipient (${err.response ?? err.message})`;
  if (err.responseCode) return `the mail server ${where} answered ${err.response ?? err.responseCode}`;
  return `sending through ${where} failed (${err.message})`;
}

export async function sendMail(ctx: CoreContext, msg: { to: string; subject: string; text: string; replyTo?: string }): Promise<{ messageId: string }> {
  const c = await loadConfig(ctx);
  const transport = nodemailer.createTransport({
    host: c.host,
    port: c.port,
    secure: c.security === 'tls',
    requireTLS: c.security === 'starttls',
    ignoreTLS: c.security === 'none',
    ...(c.user ? { auth: { user: c.user, pass: c.password ?? '' } } : {}),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  try {
    const info = await transport.sendMail({ from: c.from, to: msg.to, subject: msg.subject, text: msg.text, ...(msg.replyTo ? { replyTo: msg.replyTo } : {}) });
    return { messageId: String(info.messageId ?? '') };
  } catch (err) {
    throw new OmsError('UNAVAILABLE', `The reply was not sent: ${explain(err as Error, c)}.`);
  } finally {
    transport.close();
  }
}
