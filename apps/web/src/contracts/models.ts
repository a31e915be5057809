import { z } from 'zod';
import { defineContract, id, noBody } from './define-contract';

// /api/admin/projects/[projectId]/models/[modelId]…: model versions (the artifact download is a file, no JSON).

/** Promote this model version, or roll back to it. */
export const promoteModel = defineContract({ method: 'POST', request: noBody, response: z.object({ changed: z.boolean(), previous: id.nullable() }) });
