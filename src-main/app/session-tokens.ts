import { hashToken } from '../core/auth/tokens';

interface Held {
  token: string;
  /** The core addresses session events by token hash; computed once here. */
  hash: string;
}

/**
 * The session token of each window, held by main so the renderer never sees
 * it: a script that got into the page cannot copy the session out, and a
 * closed window's session dies with it.
 */
export class SessionTokens {
  private readonly byWebContents = new Map<number, Held>();

  get(webContentsId: number): string | null {
    return this.byWebContents.get(webContentsId)?.token ?? null;
  }

  /** Stores a new token; returns the one it replaced (to end it), if any. */
  set(webContentsId: number, token: string): string | null {
    const previous = this.get(webContentsId);
    this.byWebContents.set(webContentsId, { token, hash: hashToken(token) });
    return previous !== token ? previous : null;
  }

  /** Forgets the window's token and returns it (so the caller can end it in the core). */
  take(webContentsId: number): string | null {
    const token = this.get(webContentsId);
    this.byWebContents.delete(webContentsId);
    return token;
  }

  /** Windows signed in with the session whose hash is given. */
  holdersOf(tokenHash: string): number[] {
    return [...this.byWebContents].filter(([, held]) => held.hash === tokenHash).map(([id]) => id);
  }

  /** Every signed-in window. */
  signedIn(): number[] {
    return [...this.byWebContents.keys()];
  }
}
