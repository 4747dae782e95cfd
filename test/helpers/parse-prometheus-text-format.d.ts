/** The parser has no types of its own: the shape it returns, as the metrics test reads it. */
declare module 'parse-prometheus-text-format' {
  export default function parse(text: string): unknown[];
}
