import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError } from './errors.js';
import { describeSchemaError, type SchemaError } from './validation.js';

interface ErrorBody {
  error: string;
  message: string;
}

/** Fastify's own client errors, by code, in words a clerk or technician understands. */
const FRAMEWORK_ERRORS: Record<string, ErrorBody> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { error: 'payload_too_large', message: 'Dữ liệu gửi lên quá lớn.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    error: 'unsupported_media_type',
    message: 'Kiểu dữ liệu không được hỗ trợ; hãy gửi JSON (application/json).',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: { error: 'invalid_json', message: 'Thiếu nội dung JSON.' },
  FST_ERR_CTP_INVALID_JSON_BODY: { error: 'invalid_json', message: 'Nội dung không phải JSON hợp lệ.' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { error: 'invalid_request', message: 'Độ dài nội dung không đúng.' },
};

/**
 * One place maps every failure to `{ error, message }`: a 4xx with a Vietnamese message for
 * anything the caller can fix, a bare 500 for the rest. No stack trace ever leaves the server.
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof AppError) {
      return reply.code(err.status).send({ error: err.code, message: err.message });
    }
    if (err.validation) {
      const { field, detail } = describeSchemaError(err.validation as SchemaError[]);
      return reply.code(400).send({ error: 'invalid_request', message: `Trường "${field}" ${detail}.` });
    }
    const known = err.code ? FRAMEWORK_ERRORS[err.code] : undefined;
    const status = err.statusCode ?? 500;
    if (known) return reply.code(status >= 400 && status < 500 ? status : 400).send(known);
    if (status === 429) {
      return reply.code(429).send({
        error: 'rate_limited',
        message: 'Thao tác quá nhanh; vui lòng chờ một chút rồi thử lại.',
      });
    }
    if (err instanceof SyntaxError || (status >= 400 && status < 500)) {
      request.log.info({ err, method: request.method, route: request.routeOptions.url }, 'client error');
      return reply.code(status >= 400 && status < 500 ? status : 400).send({
        error: 'invalid_request',
        message: 'Yêu cầu không hợp lệ.',
      });
    }
    request.log.error({ err, method: request.method, route: request.routeOptions.url }, 'request failed');
    return reply
      .code(500)
      .send({ error: 'internal', message: 'Lỗi hệ thống; vui lòng thử lại hoặc báo cán bộ CNTT.' });
  });

  app.setNotFoundHandler((request, reply) => {
    reply
      .code(404)
      .send({ error: 'not_found', message: `Không có đường dẫn ${request.method} ${request.url}.` });
  });
}
