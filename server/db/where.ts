/** A WHERE clause made of the filters a query was given, with their arguments in order. */
export class Where {
  readonly #clauses: string[] = [];
  readonly args: (string | number)[] = [];

  /** Adds a condition and the values of its `?` placeholders. */
  and(clause: string, ...values: (string | number)[]): this {
    this.#clauses.push(clause);
    this.args.push(...values);
    return this;
  }

  /** `WHERE a AND b`, or nothing when no filter was given. */
  toString(): string {
    return this.#clauses.length > 0 ? `WHERE ${this.#clauses.join(' AND ')}` : '';
  }
}
