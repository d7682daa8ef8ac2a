/** Client-side checks that mirror the contract's rules, so forms can say what is wrong before a call. */

/** Passwords need at least this many characters (the backend enforces the same). */
export const MIN_PASSWORD_LENGTH = 12;

/** Why an account name is not acceptable, as an i18n key under `validation.`, or null when it is. */
export function accountNameProblem(name: string): 'nameLength' | 'nameCharacters' | null {
  const trimmed = name.trim();
  if (trimmed.length < 2 || trimmed.length > 64) return 'nameLength';
  if (!/^[\p{L}\p{N}._@-]+$/u.test(trimmed)) return 'nameCharacters';
  return null;
}
