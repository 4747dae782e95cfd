/** JSON Schema pieces every module's routes share. */
export const id = { type: 'integer', minimum: 1 } as const;
/** `/:id` of a row. */
export const idParams = { type: 'object', properties: { id }, required: ['id'] } as const;
/** A business or calendar day, `YYYY-MM-DD`. */
export const dayField = {
  type: 'string',
  pattern: '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$',
} as const;
