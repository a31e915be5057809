import 'server-only';
import { JobProducer } from '@lae-studio/queue';
import { getRedis } from './redis';

const holder = globalThis as unknown as { __laeWebProducer?: JobProducer };

/** The web process only enqueues; the worker runs everything. One producer (and its Queue objects) per process. */
export function getProducer(): JobProducer {
  holder.__laeWebProducer ??= new JobProducer(getRedis());
  return holder.__laeWebProducer;
}
