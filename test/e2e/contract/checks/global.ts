/**
 * Rules that hold for every response of the run (SPEC 5), checked over everything the client saw: no 5xx,
 * security headers, no banner, problem+json errors, no internals leaked in error bodies.
 */
import type { Probe } from '../report.js';
import type { HttpResponse } from '../client.js';
import type { Context } from '../context.js';
import { problemShapeIssues } from '../problem.js';

const BANNER = /express|fastify|uvicorn|jetty|tomcat|kestrel|gunicorn|werkzeug|\d/i;
/** Stack traces, SQL and internal paths that a user must never see (SPEC 5, "500: a generic body"). */
const LEAKS: [string, RegExp][] = [
  ['Node stack trace', /\n?\s+at [\w.<>$ ]+ \(?[^\s()]+:\d+:\d+\)?/],
  ['Python traceback', /Traceback \(most recent call last\)/],
  ['Java stack trace', /\bat [\w$.]+\([\w$]+\.java:\d+\)/],
  ['internal path', /node_modules\/|site-packages\/|\/usr\/src\/|\/home\/\w+\//],
  ['SQL or driver error', /SQLITE_|SqliteError|psycopg|sqlalchemy|org\.hibernate|SQLSTATE|ER_DUP_ENTRY|duplicate key value violates|violates foreign key constraint|\bUNIQUE constraint failed|\bINSERT INTO\b|\bSELECT .+ FROM\b/i],
];

function summarize(list: readonly HttpResponse[], extra: (r: HttpResponse) => string = () => ''): string {
  const sample = list.slice(0, 5).map((r) => `${r.method} ${r.path} → ${r.status}${extra(r)}`).join('; ');
  return `${list.length} response(s), e.g. ${sample}`;
}

export async function checkEveryResponse(ctx: Context): Promise<void> {
  const { rec } = ctx;
  const seen = ctx.client.seen;
  const rule = async (name: string, bad: (r: HttpResponse) => boolean, extra?: (r: HttpResponse) => string): Promise<void> => {
    await rec.run(`every response: ${name}`, (p: Probe) => {
      const offenders = seen.filter(bad);
      p.check(offenders.length === 0, summarize(offenders, extra));
      return `${seen.length} responses checked`;
    });
  };
  await rule('no 5xx', (r) => r.status >= 500, (r) => ` ${r.text.slice(0, 120)}`);
  await rule('has X-Request-Id', (r) => !r.headers.get('x-request-id'));
  await rule('has X-Content-Type-Options: nosniff', (r) => r.headers.get('x-content-type-options')?.toLowerCase() !== 'nosniff');
  // Issue 13's headers: the JSON responses' exact CSP is probed in checks/security.ts; /docs may relax it.
  await rule('has Referrer-Policy: no-referrer', (r) => r.headers.get('referrer-policy') !== 'no-referrer', (r) => ` (${r.headers.get('referrer-policy')})`);
  await rule("has a Content-Security-Policy with frame-ancestors 'none'",
    (r) => !/(^|;)\s*frame-ancestors\s+'none'\s*(;|$)/i.test(r.headers.get('content-security-policy') ?? ''), (r) => ` (${r.headers.get('content-security-policy')})`);
  if (ctx.client.baseUrl.startsWith('http:')) {
    await rule('has no Strict-Transport-Security over plain HTTP', (r) => r.headers.has('strict-transport-security'));
  }
  await rule('has no X-Powered-By', (r) => r.headers.has('x-powered-by'), (r) => ` (${r.headers.get('x-powered-by')})`);
  await rule('has no Server banner', (r) => BANNER.test(r.headers.get('server') ?? ''), (r) => ` (Server: ${r.headers.get('server')})`);
  await rule('errors are application/problem+json with the matching status',
    (r) => r.status >= 400 && problemShapeIssues(r).length > 0, (r) => ` (${problemShapeIssues(r).join(', ')})`);
  for (const [what, pattern] of LEAKS) {
    await rule(`error bodies leak no ${what}`, (r) => r.status >= 400 && pattern.test(r.text), (r) => ` ${r.text.slice(0, 160)}`);
  }
}
