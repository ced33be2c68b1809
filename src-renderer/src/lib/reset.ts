/**
 * Stores holding a user's data register a reset here; signing out (or a lock)
 * runs them all so the next person to sign in never sees the last one's screen.
 */
const resets = new Set<() => void>();

export function onSignOut(reset: () => void): void {
  resets.add(reset);
}

export function resetUserData(): void {
  for (const reset of resets) reset();
}
