// The db's input schemas that are pure zod (no Prisma): importable by client code, e.g. the web app's
// contracts, without pulling the database client into a browser bundle.
export { projectSettingsSchema, createProjectSchema, updateProjectSchema, type ProjectSettings, type CreateProjectInput, type UpdateProjectInput } from './projects/project-settings.ts';
export { emailSchema } from './users/normalize-email.ts';
export { MASK_EXPORT_FORMATS, MASK_EXPORT_STATUSES, type MaskExportFormat, type MaskExportStatus } from './exports/mask-export-formats.ts';
