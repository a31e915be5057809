import 'server-only';
import { JobProducer } from '@lae-studio/queue';
import { getRedis } from '@/server/redis';

// Same global slot as the workspace's producer: one JobProducer (and its Queue objects) per web process.
const holder = globalThis as unknown as { __laeWebProducer?: JobProducer };

export function adminProducer(): JobProducer {
  holder.__laeWebProducer ??= new JobProducer(getRedis());
  return holder.__laeWebProducer;
}
