/** JSON Schema pieces every module's routes share. */
export const id = { type: 'integer', minimum: 1 } as const;
/** `/:id` of a row. */
export const idParams = { type: 'object', properties: { id }, required: ['id'] } as const;
