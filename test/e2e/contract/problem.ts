/** Assertions on RFC 9457 problem responses, in the shape SPEC 5 fixes. */
import { describe, type HttpResponse } from './client.js';
import type { Probe } from './report.js';

export interface ProblemError {
  readonly field: unknown;
  readonly message: unknown;
}

export const isProblemJson = (res: HttpResponse): boolean => /^application\/problem\+json\b/i.test(res.contentType);

/** Everything wrong with `res` as a problem document of status `status`. */
export function problemShapeIssues(res: HttpResponse): string[] {
  const issues: string[] = [];
  if (!isProblemJson(res)) issues.push(`Content-Type is "${res.contentType}", expected application/problem+json`);
  const body = res.body as Record<string, unknown> | undefined;
  if (!body || typeof body !== 'object' || Array.isArray(body)) return [...issues, 'body is not a JSON object'];
  for (const key of ['type', 'title', 'detail'] as const) {
    if (typeof body[key] !== 'string') issues.push(`"${key}" is ${JSON.stringify(body[key])}, expected a string`);
  }
  if (body.status !== res.status) issues.push(`"status" is ${JSON.stringify(body.status)}, expected ${res.status}`);
  if (body.errors !== undefined) {
    const errors = body.errors;
    if (!Array.isArray(errors) || errors.some((e) => !e || typeof e !== 'object' || typeof e.field !== 'string' || typeof e.message !== 'string')) {
      issues.push(`"errors" is not a list of {field, message} strings: ${JSON.stringify(errors).slice(0, 200)}`);
    }
  }
  return issues;
}

/**
 * Requires `res` to be a problem of `status`. With `field`, requires a non-empty `errors` list naming it
 * (`name`, `body.name`, `/name` and `$.name` all count); with `mention`, the text only has to appear somewhere.
 */
export function expectProblem(
  p: Probe,
  res: HttpResponse,
  status: number,
  options: { field?: string; mention?: string } = {},
): void {
  p.require(res.status === status, `expected ${status}, got ${describe(res)}`);
  p.addAll(problemShapeIssues(res));
  const errors = (res.body as { errors?: ProblemError[] } | undefined)?.errors;
  if (options.field !== undefined) {
    const list = Array.isArray(errors) ? errors : [];
    p.check(list.length > 0, `"errors" should list the failing field ${options.field}: ${res.text.slice(0, 300)}`);
    p.check(list.length === 0 || list.some((e) => fieldNames(e.field).includes(options.field as string)),
      `no entry of "errors" has field ${options.field}: ${JSON.stringify(errors).slice(0, 300)}`);
  }
  if (options.mention !== undefined) {
    p.check(res.text.includes(options.mention), `the problem does not mention "${options.mention}": ${res.text.slice(0, 300)}`);
  }
}

export function fieldNames(field: unknown): string[] {
  return typeof field === 'string' ? field.split(/[^A-Za-z0-9_]+/).filter(Boolean) : [];
}
