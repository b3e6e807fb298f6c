import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { CsvError, CsvParser, readCsv, type CsvRecord } from './parse.js';
import { csvField, csvLine } from './write.js';

function parseAll(text: string): CsvRecord[] {
  const parser = new CsvParser();
  return [...parser.push(text), ...parser.end()];
}

/** The same text fed one character at a time, to cross every chunk boundary. */
function parseByChar(text: string): CsvRecord[] {
  const parser = new CsvParser();
  const out: CsvRecord[] = [];
  for (const char of text) {
    out.push(...parser.push(char));
  }
  return [...out, ...parser.end()];
}

const fieldsOf = (records: CsvRecord[]) => records.map((r) => r.fields);

describe('CSV parser', () => {
  it('splits plain records on LF, CRLF and CR, skipping blank lines', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const text = `a,b,c${eol}1,2,3${eol}${eol}4,,6${eol}`;
      for (const parse of [parseAll, parseByChar]) {
        assert.deepEqual(fieldsOf(parse(text)), [['a', 'b', 'c'], ['1', '2', '3'], ['4', '', '6']], JSON.stringify(eol));
      }
    }
  });

  it('reads quoted commas, line breaks inside fields and doubled quotes', () => {
    const text = 'name,note\r\n"Doe, Jane","line one\r\nline two"\r\n"say ""hi""",""\r\n"multi\nline\rmix",x';
    for (const parse of [parseAll, parseByChar]) {
      const records = parse(text);
      assert.deepEqual(fieldsOf(records), [['name', 'note'], ['Doe, Jane', 'line one\r\nline two'], ['say "hi"', ''], ['multi\nline\rmix', 'x']]);
      assert.deepEqual(records.map((r) => r.line), [1, 2, 4, 5]);
    }
  });

  it('drops a leading byte-order mark, only at the start', () => {
    assert.deepEqual(fieldsOf(parseAll('\uFEFFemail,name\n\uFEFFx,y')), [['email', 'name'], ['\uFEFFx', 'y']]);
  });

  it('keeps a quote inside an unquoted field, a trailing empty field, and a last line without a line end', () => {
    assert.deepEqual(fieldsOf(parseAll('5" disk,a,\nlast,one')), [['5" disk', 'a', ''], ['last', 'one']]);
  });

  it('refuses a character after a closing quote and an unclosed quote, naming the line', () => {
    assert.throws(() => parseAll('a,b\n"x"y,z\n'), (error: unknown) => error instanceof CsvError && error.line === 2);
    assert.throws(() => parseAll('a,b\nok,fine\n"never closed,z\n'), (error: unknown) => error instanceof CsvError && error.line === 3 && /unclosed/.test(error.message));
  });

  it('reads a byte stream whose chunks split multi-byte characters and CRLF pairs', async () => {
    const text = '\uFEFFname,city\r\n"Zoë, ação",日本\r\n🚀,"a\r\nb"\r\n';
    const bytes = Buffer.from(text, 'utf8');
    const chunks: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += 3) {
      chunks.push(bytes.subarray(i, i + 3));
    }
    const records: CsvRecord[] = [];
    for await (const batch of readCsv(Readable.from(chunks))) {
      records.push(...batch);
    }
    assert.deepEqual(fieldsOf(records), [['name', 'city'], ['Zoë, ação', '日本'], ['🚀', 'a\r\nb']]);
  });

  it('writes fields that read back the same', () => {
    const rows = [['plain', 'with, comma', 'with "quote"', 'line\nbreak', '', ' padded '], ['1', 'ação', 'x\r\ny', '"', ',', '']];
    const text = rows.map(csvLine).join('');
    assert.equal(csvLine(['a', 'b c', null, 7, true]), 'a,b c,,7,true\r\n');
    assert.equal(csvField({ a: 1 }), '"{""a"":1}"');
    assert.deepEqual(fieldsOf(parseAll(text)), rows);
  });
});
