import { z } from 'zod';

// The JSON columns of ModelVersion, parsed at the db boundary: readers get exact types or a clear error.

/** A JSON object with any keys, kept whole (nothing stripped): for columns whose fields another package defines. */
export const jsonObjectSchema = z.record(z.string(), z.json());
export type JsonObject = z.infer<typeof jsonObjectSchema>;

/**
 * The LAE config a model version was trained with, as packages/lae resolved it (its laeConfigSchema: image size,
 * channels, loss weights, ...). db is a leaf and does not know that schema: it guarantees a JSON object, never
 * null; lae's schema reads the fields when it loads the model.
 */
export const modelConfigSchema = jsonObjectSchema;
export type ModelConfig = z.infer<typeof modelConfigSchema>;

const interval = z.tuple([z.number(), z.number()]);

/**
 * Metrics on one split: the usual detection and localization figures, with 95% intervals (Wilson for
 * accuracy, Hanley–McNeil for AUC; absent on versions evaluated before they existed) and the IoU that the
 * training masks' mean location alone earns beside the attention IoU.
 */
export const setMetricsSchema = z.object({
  n: z.number().min(0),
  accuracy: z.number(),
  accuracyCi: interval.optional(),
  /** null when a class is missing. */
  auc: z.number().nullable(),
  aucCi: interval.nullable().optional(),
  eer: z.number().nullable(),
  attentionIoU: z.number().nullable(),
  /** IoU of the training masks' location prior with this split's masks: what location alone earns. */
  locationPriorIoU: z.number().nullable().optional(),
  pointingGame: z.number().nullable(),
});
export type SetMetrics = z.infer<typeof setMetricsSchema>;

export const modelMetricsSchema = z.object({
  /** The validation split (seen manipulations, the spurious cue present): a shortcut shows as val ≫ test. */
  validation: setMetricsSchema.nullable().optional(),
  seen: setMetricsSchema.nullable(),
  unseen: setMetricsSchema.nullable(),
  maskedShare: z.number().min(0),
  masks: z.number().min(0),
});
export type ModelMetrics = z.infer<typeof modelMetricsSchema>;

/** What a model was trained on (every field optional: baselines and older versions record fewer). */
export const dataSummarySchema = z.object({
  train: z.number().int().optional(),
  trainFakes: z.number().int().optional(),
  masked: z.number().optional(),
  validation: z.number().int().optional(),
  maskDigest: z.string().optional(),
  baseline: z.boolean().optional(),
  epochs: z.number().int().optional(),
  bestEpoch: z.number().int().optional(),
  stoppedEarly: z.boolean().optional(),
  imagesPerSecond: z.number().optional(),
  /** The model version a warm-started round continued from (null or absent: trained from scratch). */
  warmFrom: z.string().nullable().optional(),
});
export type DataSummary = z.infer<typeof dataSummarySchema>;

/** Parse a JSON column value (null stays null); a stored value that does not match its schema is an error that names the row. */
export function parseJsonColumn<S extends z.ZodType>(schema: S, value: unknown, where: string): z.infer<S> | null {
  if (value === null || value === undefined) return null;
  return parseRequiredJsonColumn(schema, value, where);
}

/** Parse a non-null JSON column value: null, like any value that does not match the schema, is an error that names the row. */
export function parseRequiredJsonColumn<S extends z.ZodType>(schema: S, value: unknown, where: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Error(`${where} does not match its schema: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export const parseModelMetrics = (value: unknown, modelVersionId: string): ModelMetrics | null => parseJsonColumn(modelMetricsSchema, value, `ModelVersion ${modelVersionId} metrics`);
export const parseDataSummary = (value: unknown, modelVersionId: string): DataSummary | null => parseJsonColumn(dataSummarySchema, value, `ModelVersion ${modelVersionId} dataSummary`);
export const parseModelConfig = (value: unknown, modelVersionId: string): ModelConfig => parseRequiredJsonColumn(modelConfigSchema, value, `ModelVersion ${modelVersionId} config`);

type ModelVersionJson = { id: string; config: unknown; metrics: unknown; dataSummary: unknown };

/** A model version as the db hands it out: its JSON columns parsed. */
export type ModelVersionRecord<R extends ModelVersionJson> = Omit<R, 'config' | 'metrics' | 'dataSummary'> & { config: ModelConfig; metrics: ModelMetrics | null; dataSummary: DataSummary | null };

export function toModelVersionRecord<R extends ModelVersionJson>(row: R): ModelVersionRecord<R> {
  return { ...row, config: parseModelConfig(row.config, row.id), metrics: parseModelMetrics(row.metrics, row.id), dataSummary: parseDataSummary(row.dataSummary, row.id) };
}
