/**
 * Errors the API answers with. Each has a stable `code` that clients and tests match on,
 * an HTTP status, and a message in Vietnamese that a counter clerk can read aloud.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (code: string, message: string) => new AppError(400, code, message);
export const notFound = (what: string) => new AppError(404, 'not_found', `Không tìm thấy ${what}.`);
export const conflict = (code: string, message: string) => new AppError(409, code, message);

/** Thrown by config loading: names the field so a technician can fix the file. */
export class ConfigError extends Error {
  constructor(
    readonly field: string,
    detail: string,
  ) {
    super(`Cấu hình sai ở trường "${field}": ${detail}`);
    this.name = 'ConfigError';
  }
}
