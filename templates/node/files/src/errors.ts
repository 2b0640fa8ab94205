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
  ) {
    super(detail);
    this.name = 'HttpError';
  }
}

export const badRequest = (detail: string, errors: readonly FieldError[] = []): HttpError => new HttpError(400, detail, errors);
export const unauthorized = (detail = 'Missing or invalid access token.'): HttpError => new HttpError(401, detail);
export const notFound = (detail = 'The requested resource does not exist.'): HttpError => new HttpError(404, detail);
export const conflict = (detail: string, errors: readonly FieldError[] = []): HttpError => new HttpError(409, detail, errors);
