// Annotation domain (task leasing, drafts, mask submission, review): data-access functions live under
// tasks/, drafts/, masks/ and review/ and are re-exported here.
export type { Actor } from './tasks/annotator.ts';
export { workableProjectWhere, canWorkOnProject, assertCanWorkOnProject } from './tasks/project-access.ts';
export { listWorkableProjects, type WorkableProject } from './tasks/list-workable-projects.ts';
export { newLeaseToken, leaseStartOf } from './tasks/lease-token.ts';
export { expireStaleLeases } from './tasks/expire-stale-leases.ts';
export { leaseNextTask, type LeaseNextTaskOptions } from './tasks/lease-next-task.ts';
export { leaseTask } from './tasks/lease-task.ts';
export { openTask } from './tasks/open-task.ts';
export { renewLease } from './tasks/renew-lease.ts';
export { releaseTask, type ReleaseTaskOptions } from './tasks/release-task.ts';
export { mayHoldTask } from './tasks/may-hold-task.ts';
export { getTaskForHolder, type TaskView } from './tasks/task-view.ts';
export { getSampleForActor, getAttentionForActor } from './tasks/get-sample-for-actor.ts';
export { getAnnotatorStats, type AnnotatorStats } from './tasks/get-annotator-stats.ts';
export type { EncodedMask } from './drafts/encoded-mask.ts';
export { saveDraft, type SaveDraftOptions } from './drafts/save-draft.ts';
export { getDraft, type DraftView } from './drafts/get-draft.ts';
export { getReworkBase } from './drafts/get-rework-base.ts';
export { submitMask, type SubmitMaskOptions, type SubmitMaskResult } from './submissions/submit-mask.ts';
export { listReviewQueue, type ReviewQueueItem } from './review/list-review-queue.ts';
export { listReviewQueueIds } from './review/list-review-queue-ids.ts';
export { getMaskForReview, sampleName, type MaskForReview } from './review/get-mask-for-review.ts';
export { reviewMask, type ReviewMaskOptions } from './review/review-mask.ts';
export { correctMask, type CorrectMaskOptions } from './review/correct-mask.ts';
export { listMyTasks, type MyTask, type MyTaskState } from './tasks/list-my-tasks.ts';
export { countSubmission } from './submissions/count-submission.ts';
