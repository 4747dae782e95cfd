import { Locale } from 'typebox/system';

type LocaleCallback = ReturnType<typeof Locale.Get>;
type LocalizedError = Parameters<LocaleCallback>[0];

const typeNames: Record<string, string> = {
  integer: 'số nguyên',
  number: 'số',
  string: 'chuỗi ký tự',
  boolean: 'true hoặc false',
  object: 'đối tượng JSON',
  array: 'danh sách',
  null: 'null',
};

/**
 * TypeBox ships a Vietnamese locale; this refines the two messages it leaves half English
 * ("phải là integer") or cryptic ("schema là sai" for a field that is not allowed).
 */
const vietnamese: LocaleCallback = (error: LocalizedError) => {
  if (error.keyword === 'type') {
    const params = error.params as { type: string | string[] };
    const names = ([] as string[]).concat(params.type).map((t) => typeNames[t] ?? t);
    return `phải là ${names.join(' hoặc ')}`;
  }
  if (error.keyword === 'boolean') return 'không phải là trường được phép';
  return Locale.vi_VN(error);
};

Locale.Set(vietnamese);

/** "/applicant/fullName" → "applicant.fullName"; the root is called "dữ liệu". */
export function fieldName(instancePath: string): string {
  const name = instancePath.replace(/^\//, '').replaceAll('/', '.');
  return name === '' ? 'dữ liệu' : name;
}

export interface SchemaError {
  instancePath: string;
  message?: string;
}

/** The first error, worded for a person: `Trường "serviceId" phải là số nguyên`. */
export function describeSchemaErrors(errors: readonly SchemaError[]): { field: string; message: string } {
  const first = errors[0];
  const field = fieldName(first?.instancePath ?? '');
  return { field, message: `Trường "${field}" ${first?.message ?? 'không hợp lệ'}.` };
}
