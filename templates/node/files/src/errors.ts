/** One invalid input field, as it appears in a problem+json `errors` array. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/**
 * Errors the application raises on purpose. The error handler in app.ts turns them into RFC 9457
 * problem+json responses; anything else is a 500 with a generic body.
 */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly detail: string,
    readonly errors: readonly FieldError[] = [],
    /** Sent with the problem, e.g. `retry-after` on a 429 or 503. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(detail);
    this.name = 'HttpError';
  }
}

export const badRequest = (detail: string, errors: readonly FieldError[] = []): HttpError => new HttpError(400, detail, errors);
export const unauthorized = (detail = 'Missing or invalid access token.'): HttpError => new HttpError(401, detail);
export const notFound = (detail = 'The requested resource does not exist.'): HttpError => new HttpError(404, detail);
export const conflict = (detail: string, errors: readonly FieldError[] = []): HttpError => new HttpError(409, detail, errors);
/** A 429 or 503 that tells the client when to come back (whole seconds, at least 1). */
export const retryLater = (statusCode: 429 | 503, detail: string, seconds: number): HttpError =>
  new HttpError(statusCode, detail, [], { 'retry-after': String(Math.max(1, Math.ceil(seconds))) });
