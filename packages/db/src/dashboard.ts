// Read models and admin mutations for the dashboard (apps/web/src/app/admin). Aggregates in SQL.
export { getProjectOverview, type ProjectOverview, type SampleGroup } from './dashboard/get-project-overview.ts';
export { updateProjectSettings, updateProjectSchema, type UpdateProjectInput } from './dashboard/update-project-settings.ts';
export { listRounds, type RoundRow, type RoundProgress } from './dashboard/list-rounds.ts';
export { cancelRound, CANCELLABLE_ROUND_STATUSES } from './dashboard/cancel-round.ts';
export { listModelVersions, type ModelRow } from './dashboard/list-model-versions.ts';
export { getLearningCurve, type LearningCurve, type CurvePoint } from './dashboard/get-learning-curve.ts';
export { setPromotedModel } from './dashboard/set-promoted-model.ts';
export { getModelArtifact } from './dashboard/get-model-artifact.ts';
export { browseSamples, listManipulations, sampleFilterSchema, type SampleFilter } from './dashboard/browse-samples.ts';
export { getSampleDetail } from './dashboard/get-sample-detail.ts';
export { listPeople, updatePerson, type PersonRow } from './dashboard/people.ts';
