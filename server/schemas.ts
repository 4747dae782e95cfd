import { DAY_PATTERN } from './day.js';

/** JSON Schema pieces every module's routes share. */
export const id = { type: 'integer', minimum: 1 } as const;
/** `/:id` of a row. */
export const idParams = { type: 'object', properties: { id }, required: ['id'] } as const;
/** A business or calendar day, `YYYY-MM-DD`. */
export const dayField = { type: 'string', pattern: DAY_PATTERN.source } as const;
