// One error type for the HTTP edge: a code, an HTTP status and a message written for the person who must act.
export class UserError extends Error {
  override name = 'UserError';
  constructor(
    readonly code: string,
    message: string,
    readonly status: 400 | 401 | 403 | 404 | 409 | 422 | 429 | 500 | 502 | 503 = 400,
  ) {
    super(message);
  }
}
