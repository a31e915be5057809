import { pino } from 'pino';
import pretty from 'pino-pretty';
import { workerEnv } from './env.ts';

const env = workerEnv();

/** JSON logs for machines; human-readable lines when started by `npm start` (LOG_PRETTY=1). */
export const logger = env.LOG_PRETTY
  ? pino({ name: 'worker', level: env.LOG_LEVEL }, pretty({ colorize: process.stdout.isTTY, ignore: 'pid,hostname,name', translateTime: 'HH:MM:ss', singleLine: true }))
  : pino({ name: 'worker', level: env.LOG_LEVEL });
