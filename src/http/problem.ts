/**
 * RFC 9457 problem details. Services throw `Problem`; the HTTP layer renders it as
 * `application/problem+json`. `errors` names each failing field by its JSON path.
 */
export interface FieldError {
  field: string;
  message: string;
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Not signed in',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  413: 'Request body too large',
  415: 'Unsupported media type',
  422: 'Invalid record',
  429: 'Too many requests',
};

export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly errors: FieldError[] = [],
    readonly type = 'about:blank',
  ) {
    super(detail);
  }

  get title(): string {
    return TITLES[this.status] ?? 'Error';
  }

  toJSON() {
    return {
      type: this.type,
      title: this.title,
      status: this.status,
      detail: this.detail,
      ...(this.errors.length ? { errors: this.errors } : {}),
    };
  }
}

export const invalid = (field: string, message: string) =>
  new Problem(422, `${field}: ${message}`, [{ field, message }]);
export const notFound = (what: string) => new Problem(404, `${what} was not found or is not visible to you`);
export const forbidden = (why: string) => new Problem(403, why);
export const conflict = (detail: string, field?: string) =>
  new Problem(409, detail, field ? [{ field, message: detail }] : []);
