/** The parser has no types of its own: the shape it returns, as the tests read it. */
declare module 'parse-prometheus-text-format' {
  export interface Family {
    name: string;
    type: string;
    metrics: {
      value?: string;
      labels?: Record<string, string>;
      buckets?: Record<string, string>;
      count?: string;
    }[];
  }
  export default function parse(text: string): Family[];
}
