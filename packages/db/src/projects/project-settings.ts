import { z } from 'zod';

/** Project settings as users may set them (HTTP, CLI). One schema, shared by every entry point. */
export const projectSettingsSchema = z.object({
  imageSize: z.union([z.literal(64), z.literal(128), z.literal(256)]).default(128),
  strategy: z.enum(['margin', 'entropy', 'attention', 'bald', 'random']).default('margin'),
  diversityWeight: z.number().min(0).max(1).default(0.5),
  roundBudgetFraction: z.number().gt(0).max(1).default(0.005),
  totalBudgetFraction: z.number().gt(0).max(1).default(0.03),
  retrainSchedule: z.string().trim().min(1).max(120).nullable().default(null),
  promotionMetric: z.enum(['unseen_accuracy', 'unseen_auc', 'seen_accuracy', 'seen_auc']).default('unseen_accuracy'),
  /** Never promote a model that is not better than chance (AUC interval above 0.5) on the promotion metric's split. */
  promoteAboveChanceOnly: z.boolean().default(true),
  leaseTtlSeconds: z.number().int().min(60).max(86_400).default(900),
  /** Every annotator and reviewer may work on the project; otherwise (the default) only its members and admins. */
  openToAllAnnotators: z.boolean().default(false),
  /** LAE config overrides (validated against the model's own schema by the loop before use). */
  modelConfig: z.record(z.string(), z.unknown()).default({}),
});

export type ProjectSettings = z.infer<typeof projectSettingsSchema>;

export const createProjectSchema = z.object({
  name: z.string().trim().min(1).max(120),
  slug: z
    .string()
    .trim()
    .min(2)
    .max(60)
    .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, 'may contain only lower-case letters, digits and dashes, and must start and end with a letter or digit'),
  description: z.string().max(2000).default(''),
  settings: projectSettingsSchema.prefault({}),
});

export type CreateProjectInput = z.input<typeof createProjectSchema>;

/**
 * Editable fields, all optional (a PATCH). Spelled out rather than `projectSettingsSchema.partial()`: zod 4
 * applies defaults inside optional fields, which would reset every omitted setting.
 */
export const updateProjectSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    description: z.string().max(2000),
    imageSize: z.union([z.literal(32), z.literal(64), z.literal(128), z.literal(256)]),
    strategy: z.enum(['margin', 'entropy', 'attention', 'bald', 'random']),
    diversityWeight: z.number().min(0).max(1),
    roundBudgetFraction: z.number().gt(0).max(1),
    totalBudgetFraction: z.number().gt(0).max(1),
    retrainSchedule: z.string().trim().min(1).max(120).nullable(),
    schedulePaused: z.boolean(),
    promotionMetric: z.enum(['unseen_accuracy', 'unseen_auc', 'seen_accuracy', 'seen_auc']),
    promoteAboveChanceOnly: z.boolean(),
    leaseTtlSeconds: z.number().int().min(60).max(86_400),
    openToAllAnnotators: z.boolean(),
    modelConfig: z.record(z.string(), z.unknown()),
  })
  .partial()
  .strict();
export type UpdateProjectInput = z.input<typeof updateProjectSchema>;
