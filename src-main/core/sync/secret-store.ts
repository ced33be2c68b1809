/**
 * Where the shop's access token is kept. The core never imports Electron, so
 * the host hands it one of these:
 *   - the Electron core host: the OS keychain through safeStorage (main does the
 *     encrypting; the core only ever writes the sealed text to the key folder);
 *   - browser mode and the CLI: the workspace's key file (0600 in a 0700
 *     folder), which is what `keyFileSecrets` stands for — the text is stored as is.
 * Either way the token never goes into the database or a log.
 */
export interface SecretStore {
  readonly kind: 'os-keychain' | 'key-file';
  /** What may be written to the workspace's key folder for this secret. */
  seal(plain: string): Promise<string>;
  unseal(sealed: string): Promise<string>;
}

export const keyFileSecrets: SecretStore = {
  kind: 'key-file',
  seal: (plain) => Promise.resolve(plain),
  unseal: (sealed) => Promise.resolve(sealed),
};
