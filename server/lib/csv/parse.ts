/**
 * A streaming RFC 4180 CSV parser: text goes in chunk by chunk, complete records come
 * out, so a file of any size is read in constant memory. Handles quoted fields with
 * commas, line breaks and doubled quotes (`""`), a UTF-8 byte-order mark, and CRLF,
 * LF or CR line ends. Blank lines are skipped. A quote inside an unquoted field is
 * kept as a literal character (as spreadsheets write `5" disk`); a character after a
 * closing quote other than a comma or line end, and a quoted field still open at the
 * end of the input, are errors.
 */

/** A malformed input, with the physical line (1-based) where it was found. */
export class CsvError extends Error {
  constructor(message: string, readonly line: number) {
    super(`${message} on line ${line}`);
  }
}

/** One record: its fields and the physical line it starts on (1-based). */
export interface CsvRecord {
  fields: string[];
  line: number;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;
const BOM = 0xfeff;

const enum State { FieldStart, Unquoted, Quoted, QuoteInQuoted }

function countLineBreaks(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) {
      count++;
    }
  }
  return count;
}

/** The parser's state between chunks; `push` text, then `end()` once. */
export class CsvParser {
  private state = State.FieldStart;
  private field = '';
  private record: string[] = [];
  private hasContent = false;
  private line = 1;
  private recordLine = 1;
  private afterCR = false;
  private started = false;
  /** A CR seen last inside a quoted field: its LF may come in the next chunk. */
  private quotedCR = false;

  /** Parses the next piece of text; returns the records it completed. */
  push(text: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    let i = 0;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === BOM) {
        i = 1;
      }
    }
    const n = text.length;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (this.afterCR) {
        this.afterCR = false;
        if (c === LF) {
          i++;
          continue;
        }
      }
      if (this.state === State.Quoted) {
        i = this.readQuoted(text, i);
        continue;
      }
      if (this.state === State.QuoteInQuoted) {
        if (c === QUOTE) {
          this.field += '"';
          this.state = State.Quoted;
        } else if (c === COMMA) {
          this.endField();
        } else if (c === CR || c === LF) {
          this.endRecord(out, c);
        } else {
          throw new CsvError('unexpected character after a closing quote', this.line);
        }
        i++;
        continue;
      }
      if (this.state === State.FieldStart && c === QUOTE) {
        this.state = State.Quoted;
        this.hasContent = true;
        i++;
        continue;
      }
      this.state = State.Unquoted;
      let j = i;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === COMMA || d === CR || d === LF) {
          break;
        }
        j++;
      }
      if (j > i) {
        this.field += text.slice(i, j);
        this.hasContent = true;
      }
      if (j === n) {
        break;
      }
      const d = text.charCodeAt(j);
      if (d === COMMA) {
        this.endField();
      } else {
        this.endRecord(out, d);
      }
      i = j + 1;
    }
    return out;
  }

  /** Flushes the last record; throws when a quoted field is still open. */
  end(): CsvRecord[] {
    if (this.state === State.Quoted) {
      throw new CsvError('unclosed quoted field', this.recordLine);
    }
    const out: CsvRecord[] = [];
    if (this.hasContent || this.record.length > 0) {
      this.endRecord(out, -1);
    }
    return out;
  }

  private readQuoted(text: string, from: number): number {
    const q = text.indexOf('"', from);
    const end = q === -1 ? text.length : q;
    const piece = text.slice(from, end);
    this.line += countLineBreaks(piece) - (this.quotedCR && piece.charCodeAt(0) === LF ? 1 : 0);
    this.quotedCR = piece.length > 0 ? piece.charCodeAt(piece.length - 1) === CR : this.quotedCR;
    this.field += piece;
    if (q === -1) {
      return text.length;
    }
    this.quotedCR = false;
    this.state = State.QuoteInQuoted;
    return q + 1;
  }

  private endField(): void {
    this.record.push(this.field);
    this.field = '';
    this.state = State.FieldStart;
    this.hasContent = true;
  }

  private endRecord(out: CsvRecord[], terminator: number): void {
    this.record.push(this.field);
    if (this.hasContent) {
      out.push({ fields: this.record, line: this.recordLine });
    }
    this.record = [];
    this.field = '';
    this.state = State.FieldStart;
    this.hasContent = false;
    if (terminator === CR || terminator === LF) {
      this.line++;
      this.afterCR = terminator === CR;
    }
    this.recordLine = this.line;
  }
}

/**
 * Reads CSV records from a byte or text stream, yielding them in batches (one per
 * chunk read). Bytes are decoded as UTF-8; invalid sequences become U+FFFD.
 */
export async function* readCsv(source: AsyncIterable<Buffer | string>): AsyncGenerator<CsvRecord[]> {
  const parser = new CsvParser();
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  for await (const chunk of source) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    const records = parser.push(text);
    if (records.length > 0) {
      yield records;
    }
  }
  const rest = parser.push(decoder.decode());
  const last = [...rest, ...parser.end()];
  if (last.length > 0) {
    yield last;
  }
}
