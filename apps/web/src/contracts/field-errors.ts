// Validation problems as people read them: every admin form and route turns zod issues into one plain
// sentence per field, keyed by the field's name, instead of the validator's own text ("✖ Too big: expected
// string to have <=120 characters → at name"). Pure: used by route handlers and by forms in the browser.

/** The parts of a zod issue (or an issue shaped like one) that the sentences need. */
export interface IssueLike {
  code: string;
  path: readonly PropertyKey[];
  message: string;
}

/** Field name → a sentence to show beside it. */
export type FieldErrors = Record<string, string>;

/** A field's key: the last named segment of its path ('settings.name' → 'name', 'counts.train' → 'train'). */
export function fieldKey(path: readonly PropertyKey[]): string {
  const named = path.filter((p): p is string => typeof p === 'string');
  return named[named.length - 1] ?? '';
}

/** Names whose words alone would mislead (budgets are fractions on the wire, percent in the forms). */
const LABELS: Record<string, string> = { leaseTtlSeconds: 'lease TTL', roundBudgetFraction: 'per-round budget', totalBudgetFraction: 'total budget' };
const labelOf = (key: string) => LABELS[key] ?? key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
const capital = (t: string) => `${t.charAt(0).toUpperCase()}${t.slice(1)}`;
const num = (v: unknown) => (typeof v === 'bigint' ? v.toString() : typeof v === 'number' ? String(+v.toPrecision(6)) : String(v));
const plural = (n: unknown, one: string) => `${num(n)} ${one}${n === 1 ? '' : 's'}`;
// zod's own default messages start like this; a message written by a schema's author is kept as it is.
const zodDefault = /^(Invalid|Too (big|small)|Unrecognized key)/;

/** One issue as a sentence without its subject, e.g. "must be at most 120 characters". */
export function issueSentence(issue: IssueLike): string {
  // The details each code carries (maximum, origin, values, …), read defensively.
  const i = issue as IssueLike & Record<string, unknown>;
  switch (i.code) {
    case 'too_big': {
      const max = i.maximum;
      if (i.origin === 'string') return `must be at most ${plural(max, 'character')}`;
      if (i.origin === 'array' || i.origin === 'set') return `must have at most ${plural(max, 'item')}`;
      return i.inclusive === false ? `must be less than ${num(max)}` : `must be at most ${num(max)}`;
    }
    case 'too_small': {
      const min = i.minimum;
      if (i.origin === 'string') return min === 1 ? 'must not be empty' : `must be at least ${plural(min, 'character')}`;
      if (i.origin === 'array' || i.origin === 'set') return `must have at least ${plural(min, 'item')}`;
      return i.inclusive === false ? `must be more than ${num(min)}` : `must be at least ${num(min)}`;
    }
    case 'invalid_type': {
      if (i.input === undefined && !zodDefault.test(i.message)) return i.message;
      if (i.input === undefined || i.message.endsWith('received undefined')) return 'is required';
      if (i.expected === 'number' || i.expected === 'int') return i.message.includes('NaN') ? 'must be a number' : `must be a ${i.expected === 'int' ? 'whole number' : 'number'}`;
      if (i.expected === 'object' || i.expected === 'record') return 'must be a JSON object';
      return `must be ${/^[aeiou]/.test(String(i.expected)) ? 'an' : 'a'} ${String(i.expected)}`;
    }
    case 'invalid_format':
      if (!zodDefault.test(i.message)) return /^(must|may|is|needs) /.test(i.message) ? i.message : `must be ${i.message}`;
      return i.format === 'email' ? 'must be an email address' : i.format === 'regex' ? 'is not in the expected form' : `must be a valid ${String(i.format)}`;
    case 'invalid_value': {
      const values = Array.isArray(i.values) ? i.values.map((v) => JSON.stringify(v)) : [];
      return values.length === 1 ? `must be ${values[0]}` : `must be one of ${values.join(', ')}`;
    }
    case 'invalid_union':
      return zodDefault.test(i.message) ? 'is not one of the allowed values' : i.message;
    case 'unrecognized_keys': {
      const keys = Array.isArray(i.keys) ? i.keys.map(String) : [];
      return `unknown field${keys.length === 1 ? '' : 's'}: ${keys.join(', ')}`;
    }
    case 'not_multiple_of':
      return `must be a multiple of ${num(i.divisor)}`;
    default:
      return zodDefault.test(i.message) ? 'is not valid' : i.message;
  }
}

/**
 * Issues as field errors (the first issue of each field, as a sentence starting with a capital) and as one
 * summary line naming each field ("Name must be at most 120 characters."). `at` files every issue under
 * one field and names the issue's own path in the sentence (the model config's "train.epochs must be at
 * least 1"); `prefix` starts the summary ("Model config: …").
 */
export function fieldErrors(issues: readonly IssueLike[], opts: { at?: string; prefix?: string } = {}): { fields: FieldErrors; message: string } {
  const fields: FieldErrors = {};
  const lines: string[] = [];
  for (const issue of issues) {
    const sentence = issueSentence(issue);
    const key = opts.at ?? fieldKey(issue.path);
    // Under `at`, the issue's own path (a setting's name, as typed) starts the sentence; never capitalised.
    const inner = opts.at !== undefined ? issue.path.map(String).join('.') : '';
    const beside = inner ? `${inner} ${sentence}.` : `${capital(sentence)}.`;
    lines.push(opts.at !== undefined ? beside : key ? `${capital(labelOf(key))} ${sentence}.` : `${capital(sentence)}.`);
    if (!(key in fields)) fields[key] = beside;
    else if (opts.at !== undefined) fields[key] += ` ${beside}`;
  }
  const message = lines.join(' ');
  return { fields, message: opts.prefix ? `${opts.prefix}: ${message}` : message };
}
