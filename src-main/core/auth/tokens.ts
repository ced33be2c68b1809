import { createHash, randomBytes } from 'node:crypto';

/** Session tokens are random; only their hash is stored, so a copied database holds no live session. */
export const newToken = (): string => randomBytes(32).toString('base64url');
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
