import type { FastifyReply } from 'fastify';
import type { FieldError } from '../errors.js';

const STATUS_TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Sends an RFC 9457 problem+json response. */
export function sendProblem(reply: FastifyReply, status: number, detail: string, errors: readonly FieldError[] = []) {
  return reply
    .code(status)
    .type('application/problem+json; charset=utf-8')
    .serializer(JSON.stringify)
    .send({ type: 'about:blank', title: STATUS_TITLES[status] ?? 'Error', status, detail, errors });
}
