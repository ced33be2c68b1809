import { safeStorage } from 'electron';

/**
 * The OS keychain for the core's secret store (the shop's access token):
 * Electron's safeStorage, which only main can use. The sealed text is base64
 * and is written by the core to the workspace's key folder.
 */
export const keychainSecrets = {
  seal(plain: string): string {
    if (!safeStorage.isEncryptionAvailable()) throw new Error('no keychain on this system');
    return safeStorage.encryptString(plain).toString('base64');
  },
  unseal(sealed: string): string {
    if (!safeStorage.isEncryptionAvailable()) throw new Error('no keychain on this system');
    return safeStorage.decryptString(Buffer.from(sealed, 'base64'));
  },
};
