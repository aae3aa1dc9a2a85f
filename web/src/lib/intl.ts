// Building an Intl formatter costs 0.1 to 1 ms (it loads ICU data); using
// one costs microseconds. A page formats dozens of dates while it hydrates,
// so each formatter is built once per locale and options.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>();

function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>(kind: string, tag: string, opts: object, make: () => T): T {
  const key = `${kind}|${tag}|${JSON.stringify(opts)}`;
  let f = formatters.get(key);
  if (!f) {
    f = make();
    formatters.set(key, f);
  }
  return f as T;
}

/** new Intl.DateTimeFormat(tag, opts), built once. */
export function dateFormat(tag: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cached("d", tag, opts, () => new Intl.DateTimeFormat(tag, opts));
}

/** new Intl.NumberFormat(tag, opts), built once. */
export function numberFormat(tag: string, opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  return cached("n", tag, opts, () => new Intl.NumberFormat(tag, opts));
}

/** new Intl.RelativeTimeFormat(tag, opts), built once. */
export function relativeFormat(tag: string, opts: Intl.RelativeTimeFormatOptions): Intl.RelativeTimeFormat {
  return cached("r", tag, opts, () => new Intl.RelativeTimeFormat(tag, opts));
}
