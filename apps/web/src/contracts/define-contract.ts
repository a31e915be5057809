import { z } from 'zod';

/**
 * One HTTP API, defined once: its method, request (JSON body or query) and response schemas. The route
 * handler parses the request with `request` and can only send what `response` accepts (`ResponseInput`);
 * its client validates what it sends and parses what comes back. Types come from the schemas, never beside them.
 */
export interface Contract<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  request: Req;
  response: Res;
}

export const defineContract = <Req extends z.ZodType, Res extends z.ZodType>(c: Contract<Req, Res>): Contract<Req, Res> => c;

/** What a client sends. */
export type RequestBody<C extends Contract> = z.input<C['request']>;
/** What a handler may send (before JSON: dates as Date). */
export type ResponseInput<C extends Contract> = z.input<C['response']>;
/** What a client receives, parsed. */
export type ResponseBody<C extends Contract> = z.output<C['response']>;

/** Routes that take no body (a POST with an empty JSON object is fine). */
export const noBody = z.object({}).strict();

/** A timestamp: a Date in the handler, its ISO string on the wire, a Date again in the client. */
export const timestamp = z.coerce.date();
/** An id as the database makes them (cuid) and as BullMQ job ids. */
export const id = z.string().min(1).max(128);
export const jobAccepted = z.object({ jobId: z.string().min(1) });
