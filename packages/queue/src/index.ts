export { queueEnv, requireRedisUrl } from './env.ts';
export { createRedis } from './connection.ts';
export { QUEUES, ALL_QUEUES, type QueueName } from './queues.ts';
export { JOBS, parseJob, parsePayload, jobIdFor, jobByName, JobPayloadError, roundTrigger, frameSampling, uploadContent, DATA_JOB_KEYS, isDataJob, type DataJobKey, type JobKey, type JobPayload, type JobEnvelope, type JobDefinition, type ParsedJob } from './jobs.ts';
export { JobProducer, DEFAULT_JOB_OPTIONS } from './producer.ts';
export { parseSchedule, type Schedule } from './schedule.ts';
export { RECONCILE_SCHEDULER_ID, upsertReconcileScheduler, retrainSchedulerId, upsertRetrainScheduler, removeRetrainSchedulersExcept } from './schedulers.ts';
