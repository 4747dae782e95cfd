/** An answer from the server that is not a success, with its Vietnamese message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * How long an answer may take. The appliance answers in milliseconds on its LAN; a server
 * frozen or a cable pulled otherwise leaves a button busy forever, the press neither done
 * nor refused.
 */
const ANSWER_MS = 8000;

/** No answer at all: `network` (nothing reached the server) or `timeout` (it may have). */
export const isUnanswered = (e: unknown): e is ApiError => e instanceof ApiError && e.status === 0;

export async function api<T>(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(ANSWER_MS),
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'TimeoutError')
      throw new ApiError(0, 'timeout', 'Máy chủ không trả lời; chưa rõ việc vừa làm đã được ghi nhận chưa.');
    throw new ApiError(0, 'network', 'Mất kết nối tới máy chủ.');
  }
  const data = await res.json().catch(() => null);
  if (!res.ok) {
    throw new ApiError(res.status, data?.error ?? 'unknown', data?.message ?? `Lỗi ${res.status}`);
  }
  return data as T;
}

/** Saves a row a page edits: a new one (no id) to its list, a known one to its own address. */
export function saveRow<T>(
  list: string,
  row: { id?: number; [field: string]: unknown },
  method: 'PUT' | 'PATCH',
): Promise<T> {
  const { id, ...body } = row;
  return id === undefined ? api<T>('POST', list, body) : api<T>(method, `${list}/${id}`, body);
}
