/** The columns a sample is shown with in the admin (list and detail): never its storage key or hash. */
export const SAMPLE_COLUMNS = { id: true, label: true, split: true, manipulation: true, novelty: true, sourceName: true, width: true, height: true } as const;
