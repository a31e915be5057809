export { storeSample, encodeStoredRle, type IncomingSample } from './store-sample.ts';
export { generateIntoProject, type GenerateProgress } from './generate-into-project.ts';
