/** Stable error codes every transport returns; the UI and CLI map them to messages. */
export const ERROR_CODES = [
  'UNKNOWN_METHOD',
  'INVALID_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'SETUP_REQUIRED',
  'REAUTH_REQUIRED',
  'ACCOUNT_LOCKED',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_STATE',
  'BAD_FILE',
  'CANCELLED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The error half of every API result. */
export interface ApiError {
  code: ErrorCode;
  message: string;
}

/** What every API call returns. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Thrown by handlers for expected failures; the router turns it into `{ ok: false, error }`. */
export class ApiFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}
