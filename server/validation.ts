/**
 * Ajv's errors, worded in Vietnamese. Ajv ships English only, and ajv-i18n has no Vietnamese,
 * so the handful of keywords our schemas use are translated here.
 */
export interface SchemaError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

const typeNames: Record<string, string> = {
  integer: 'số nguyên',
  number: 'số',
  string: 'chuỗi ký tự',
  boolean: 'true hoặc false',
  object: 'đối tượng JSON',
  array: 'danh sách',
  null: 'null',
};

function phrase(e: SchemaError): string {
  const p = e.params;
  switch (e.keyword) {
    case 'type':
      return `phải là ${String(p.type)
        .split(',')
        .map((t) => typeNames[t] ?? t)
        .join(' hoặc ')}`;
    case 'required':
      return 'là bắt buộc';
    case 'additionalProperties':
      return 'không phải là trường được phép';
    case 'minimum':
      return `phải lớn hơn hoặc bằng ${p.limit}`;
    case 'maximum':
      return `phải nhỏ hơn hoặc bằng ${p.limit}`;
    case 'exclusiveMinimum':
      return `phải lớn hơn ${p.limit}`;
    case 'exclusiveMaximum':
      return `phải nhỏ hơn ${p.limit}`;
    case 'minLength':
      return `phải có ít nhất ${p.limit} ký tự`;
    case 'maxLength':
      return `không được dài quá ${p.limit} ký tự`;
    case 'minItems':
      return `phải có ít nhất ${p.limit} mục`;
    case 'maxItems':
      return `không được có quá ${p.limit} mục`;
    case 'pattern':
      return 'không đúng định dạng';
    case 'enum':
      return `phải là một trong: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `phải là ${JSON.stringify(p.allowedValue)}`;
    default:
      return 'không hợp lệ';
  }
}

/** "/applicant/fullName" → "applicant.fullName"; the root is called "dữ liệu". */
export function fieldName(instancePath: string): string {
  const name = instancePath.replace(/^\//, '').replaceAll('/', '.');
  return name === '' ? 'dữ liệu' : name;
}

/** The field an error is about; for a missing or unknown field, that field rather than its parent. */
function errorPath(e: SchemaError): string {
  const child = e.params.missingProperty ?? e.params.additionalProperty;
  return child === undefined ? e.instancePath : `${e.instancePath}/${String(child)}`;
}

/** The first error, named and worded for a person: field `serviceId`, "phải là số nguyên". */
export function describeSchemaError(errors: readonly SchemaError[]): { field: string; detail: string } {
  const first = errors[0];
  if (!first) return { field: 'dữ liệu', detail: 'không hợp lệ' };
  return { field: fieldName(errorPath(first)), detail: phrase(first) };
}
