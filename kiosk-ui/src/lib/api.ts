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
    });
  } catch {
    throw new ApiError(0, 'network', 'Mất kết nối tới máy chủ; đang thử lại.');
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
