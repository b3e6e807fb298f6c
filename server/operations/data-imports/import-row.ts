import { EMAIL_FORMAT, PHONE_FORMAT } from '../contacts/prepare-contact-attributes.js';

/** One data row of an import file: its fields by header and where it was in the file. */
export interface ImportRow {
  /** The physical line it starts on (the header is line 1 of a plain file). */
  line: number;
  /** The fields as read, in header order (written back to the failed-rows file). */
  fields: string[];
}

/** What a row says about a contact once normalized. */
export interface ParsedRow {
  identifier: string | null;
  email: string | null;
  phone_number: string | null;
  name: string | null;
  custom: Record<string, string>;
  additional: Record<string, string>;
  labels: string[];
}

/** Key columns: matched and stored as contact columns; everything else is a custom attribute. */
const KEY_COLUMNS = new Set(['identifier', 'email', 'name', 'phone_number']);
const MAX_STRING = 255;

function present(value: string | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

/**
 * Reads a row as DataImport::ContactManager does: email lower-cased, a `+` put in
 * front of a phone number without one, company_name/company and city also into
 * additional_attributes, every non-key column (blank ones left out) into
 * custom_attributes, `labels` split on commas. Returns the row, or the reasons it
 * cannot be imported (formats and lengths; uniqueness is checked against the account).
 */
export function parseImportRow(headers: string[], fields: string[]): ParsedRow | string[] {
  const byHeader = new Map<string, string>();
  headers.forEach((header, i) => byHeader.set(header, fields[i] ?? ''));
  const phone = present(byHeader.get('phone_number'));
  const row: ParsedRow = {
    identifier: present(byHeader.get('identifier')),
    email: present(byHeader.get('email'))?.toLowerCase() ?? null,
    phone_number: phone && !phone.startsWith('+') ? `+${phone}` : phone,
    name: present(byHeader.get('name')),
    custom: {},
    additional: {},
    labels: (byHeader.get('labels') ?? '').split(',').map((label) => label.trim().toLowerCase()).filter((label) => label !== ''),
  };
  for (const [header, value] of byHeader) {
    if (KEY_COLUMNS.has(header) || header === 'labels' || header === '' || value.trim() === '') {
      continue;
    }
    row.custom[header] = value;
    if (header === 'company_name' || header === 'company') {
      row.additional.company_name = value;
    } else if (header === 'city') {
      row.additional.city = value;
    }
  }
  const errors: string[] = [];
  if (row.email !== null && !EMAIL_FORMAT.test(row.email)) {
    errors.push('Email Invalid email');
  }
  if (row.phone_number !== null && !PHONE_FORMAT.test(row.phone_number)) {
    errors.push('Phone number should be in e164 format');
  }
  for (const [field, human] of [['name', 'Name'], ['email', 'Email'], ['identifier', 'Identifier'], ['phone_number', 'Phone number']] as const) {
    if ((row[field]?.length ?? 0) > MAX_STRING) {
      errors.push(`${human} is too long (maximum is ${MAX_STRING} characters)`);
    }
  }
  return errors.length > 0 ? errors : row;
}

/** Columns with a meaning of their own, recognised ignoring case. */
const KNOWN_COLUMNS = new Set([...KEY_COLUMNS, 'labels', 'company_name', 'company', 'city']);

/** Headers as written, trimmed; the known columns lower-cased. */
export function normalizeHeaders(fields: string[]): string[] {
  return fields.map((field) => {
    const trimmed = field.trim();
    const lower = trimmed.toLowerCase();
    return KNOWN_COLUMNS.has(lower) ? lower : trimmed;
  });
}
